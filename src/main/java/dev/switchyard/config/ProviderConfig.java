package dev.switchyard.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code providers:}.
 *
 * @param kind the wire protocol family: {@code openai}, {@code openai-compatible} or {@code simulator}
 * @param preset for {@code openai-compatible}, a known provider whose base URL and quirks apply
 * @param apiKeys upstream credentials, rotated per request; empty entries already removed
 * @param headers extra headers sent upstream on every request
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param timeout how long upstream may stay silent: before its response headers and between bytes
 * @param simulator the simulator's settings, for {@code kind: simulator}
 */
public record ProviderConfig(
    String name,
    String kind,
    Optional<String> preset,
    Optional<String> baseUrl,
    List<String> apiKeys,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration timeout,
    SimulatorConfig simulator) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public ProviderConfig {
    apiKeys = List.copyOf(apiKeys);
    headers = Map.copyOf(headers);
  }
}
