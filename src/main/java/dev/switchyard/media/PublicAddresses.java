package dev.switchyard.media;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a fetch on a client's behalf may reach: public unicast only. Everything a client
 * could use to reach the gateway's own network is refused — loopback, private ranges, link-local
 * (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast, and IPv6
 * forms that embed an IPv4 address.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isPublicIpv4(b, 0);
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
        return false;
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) { // fec0::/10 site local (deprecated)
        return false;
      }
      if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d
        return isPublicIpv4(b, 12);
      }
      if (isZero(b, 0, 12)) { // ::a.b.c.d (IPv4-compatible) and ::
        return false;
      }
      if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return isPublicIpv4(b, 12); // 64:ff9b::/96 NAT64
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 2002::/16 6to4 embeds an IPv4 address
        return isPublicIpv4(b, 2);
      }
      return true;
    }
    return false;
  }

  private static boolean isPublicIpv4(byte[] b, int at) {
    int a0 = b[at] & 0xff;
    int a1 = b[at + 1] & 0xff;
    return !(a0 == 0 // this network
        || a0 == 10 // private
        || a0 == 127 // loopback
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
        || (a0 == 169 && a1 == 254) // link-local, cloud metadata
        || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
        || (a0 == 192 && a1 == 168) // private
        || (a0 == 192 && a1 == 0 && (b[at + 2] & 0xff) == 0) // IETF protocol assignments
        || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
        || a0 >= 224); // multicast and reserved, broadcast
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
