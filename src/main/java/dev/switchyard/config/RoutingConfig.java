package dev.switchyard.config;

/** The {@code routing:} block: what every model's requests do when a target fails. */
public record RoutingConfig(RetryConfig retry, BreakerConfig breaker) {
  public static final RoutingConfig DEFAULT = new RoutingConfig(RetryConfig.DEFAULT, BreakerConfig.DEFAULT);
}
