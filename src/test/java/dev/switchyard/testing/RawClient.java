package dev.switchyard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A bare socket to the gateway, for what no well-behaved client does: a head sent a byte at a
 * time, a body that stops, a length it never sends. Reads are bounded by a timeout.
 */
public final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private RawClient(Socket socket) {
    this.socket = socket;
  }

  public static RawClient connect(int port) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      return new RawClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RawClient send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends bytes; false-free: a write the gateway refused (it closed) is not an error here. */
  public RawClient send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      // the gateway may already have closed the connection: what it answered is what the test reads
    }
    return this;
  }

  /** Whether the gateway closed the connection within {@code within} (reading and keeping what it sent). */
  public boolean closedWithin(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          return false;
        }
        if (n < 0) {
          return true;
        }
        received.write(buffer, 0, n);
      }
      return false;
    } catch (IOException e) { // reset by the peer: closed too
      return true;
    }
  }

  /** Reads until {@code marker} has arrived (or the connection ends, or {@code within} passes). */
  public String readUntil(String marker, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      while (!text().contains(marker) && System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (n < 0) {
          break;
        }
        received.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // reset: what arrived before is the answer
    }
    return text();
  }

  /** Everything received so far. */
  public String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket the gateway already closed
    }
  }
}
