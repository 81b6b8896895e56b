package dev.switchyard.config;

import java.util.Optional;

/**
 * The {@code server:} block.
 *
 * @param masterKey empty when none is configured: the gateway then makes one up at start
 * @param maxBodyBytes the largest request body accepted before answering 413
 */
public record ServerConfig(String host, int port, Optional<String> masterKey, long maxBodyBytes) {
  public static final int DEFAULT_PORT = 4000;
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, masterKey, maxBodyBytes);
  }
}
