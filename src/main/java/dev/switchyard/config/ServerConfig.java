package dev.switchyard.config;

import java.util.Optional;

/**
 * The {@code server:} block.
 *
 * @param host the address to listen on: loopback unless the config file says otherwise
 * @param masterKey empty when none is configured: the gateway then makes one up at start
 * @param maxBodyBytes the largest request body accepted before answering 413
 * @param limits what a client may make the gateway hold or do
 */
public record ServerConfig(String host, int port, Optional<String> masterKey, long maxBodyBytes,
    LimitsConfig limits) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4000;
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
  /** Bodies are held in one buffer, which Java indexes with an int. */
  public static final long LARGEST_MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  public static ServerConfig defaults(Optional<String> masterKey) {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, masterKey, DEFAULT_MAX_BODY_BYTES, LimitsConfig.DEFAULT);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, masterKey, maxBodyBytes, limits);
  }

  public ServerConfig withLimits(LimitsConfig newLimits) {
    return new ServerConfig(host, port, masterKey, maxBodyBytes, newLimits);
  }
}
