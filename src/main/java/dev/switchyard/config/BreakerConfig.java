package dev.switchyard.config;

import java.time.Duration;

/**
 * When a target's circuit breaker opens, so requests skip it instead of waiting for it to fail:
 * when {@code failureRatePercent} of its last {@code window} calls failed (counted once it has
 * {@code minimumCalls}), or {@code consecutiveFailures} failed in a row. It stays open for
 * {@code openFor}, then lets {@code halfOpenCalls} probes through; their success closes it.
 * A failure is what another try may cure (429, 5xx, unreachable, timeout), not a client's error.
 */
public record BreakerConfig(boolean enabled, int failureRatePercent, int window, int minimumCalls,
    int consecutiveFailures, Duration openFor, int halfOpenCalls) {
  public static final BreakerConfig DEFAULT = new BreakerConfig(true, 50, 20, 10, 5, Duration.ofSeconds(10), 2);
}
