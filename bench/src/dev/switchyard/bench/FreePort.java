package dev.switchyard.bench;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a TCP port that is free on 127.0.0.1 right now, for the gateway's {@code --port}. */
public final class FreePort {
  private FreePort() {}

  public static void main(String[] args) throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      System.out.println(socket.getLocalPort());
    }
  }
}
