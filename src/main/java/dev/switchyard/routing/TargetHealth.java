package dev.switchyard.routing;

import dev.switchyard.config.BreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows of one target (a provider and the model it is asked for) across requests:
 * its circuit breaker, the requests in flight to it, and how fast it has been answering lately.
 * Thread-safe: every event loop's requests report here.
 */
public final class TargetHealth {
  private static final Logger LOG = LoggerFactory.getLogger(TargetHealth.class);
  /** Weight of the newest sample in the moving average of the time to answer. */
  private static final double LATENCY_WEIGHT = 0.2;

  private final String name;
  private final CircuitBreaker breaker;
  private final int consecutiveLimit;
  private final Duration openFor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile long openedAtNanos;
  private volatile double latencyMillis = Double.NaN;

  TargetHealth(String name, BreakerConfig config) {
    this.name = name;
    this.consecutiveLimit = config.consecutiveFailures();
    this.openFor = config.openFor();
    this.breaker = config.enabled() ? CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .failureRateThreshold(config.failureRatePercent())
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.window())
        .minimumNumberOfCalls(Math.min(config.minimumCalls(), config.window()))
        .waitDurationInOpenState(config.openFor())
        .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
        .build()) : null;
  }

  /**
   * Notes a change of state the last call caused. Compared by hand rather than through the
   * breaker's event publisher: with a listener on it, the breaker builds a timestamped event for
   * every single call, which costs more than the rest of its bookkeeping together.
   */
  private void noticeTransition(CircuitBreaker.State before) {
    CircuitBreaker.State after = breaker.getState();
    if (after == before) {
      return;
    }
    if (after == CircuitBreaker.State.OPEN) {
      openedAtNanos = System.nanoTime();
    }
    LOG.warn("target {}: circuit {} to {}", name, before.name().toLowerCase(Locale.ROOT),
        after.name().toLowerCase(Locale.ROOT));
  }

  public String name() {
    return name;
  }

  /** Open and still cooling down: requests skip this target rather than ask. */
  public boolean coolingDown() {
    return breaker != null && breaker.getState() == CircuitBreaker.State.OPEN && cooldownLeft().isPositive();
  }

  /** How long until this target takes a probe again (zero when it is not cooling down). */
  public Duration cooldownLeft() {
    if (breaker == null || breaker.getState() != CircuitBreaker.State.OPEN) {
      return Duration.ZERO;
    }
    Duration left = openFor.minusNanos(System.nanoTime() - openedAtNanos);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Asks for a call; false when the breaker holds this target back. */
  boolean tryAcquire() {
    if (breaker == null) {
      return true;
    }
    CircuitBreaker.State before = breaker.getState();
    boolean permitted = breaker.tryAcquirePermission();
    noticeTransition(before);
    return permitted;
  }

  void started() {
    inFlight.incrementAndGet();
  }

  /** The call answered as a healthy target does (a client's own error included). */
  void succeeded(long durationNanos, long timeToAnswerMicros) {
    inFlight.decrementAndGet();
    consecutiveFailures.set(0);
    if (breaker != null) {
      CircuitBreaker.State before = breaker.getState();
      breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
      noticeTransition(before);
    }
    if (timeToAnswerMicros >= 0) {
      double sample = timeToAnswerMicros / 1000.0;
      double previous = latencyMillis;
      latencyMillis = Double.isNaN(previous) ? sample : previous + LATENCY_WEIGHT * (sample - previous);
    }
  }

  /** The call failed in a way that says the target is unwell: 429, 5xx, unreachable, timed out, cut off. */
  void failed(long durationNanos, Throwable why) {
    inFlight.decrementAndGet();
    if (breaker == null) {
      return;
    }
    CircuitBreaker.State before = breaker.getState();
    breaker.onError(durationNanos, TimeUnit.NANOSECONDS, why);
    if (consecutiveFailures.incrementAndGet() >= consecutiveLimit
        && breaker.getState() == CircuitBreaker.State.CLOSED) {
      breaker.transitionToOpenState();
    }
    noticeTransition(before);
  }

  /** A call the breaker had no say in (a last resort) has ended. */
  void ended() {
    inFlight.decrementAndGet();
  }

  /** The call said nothing of the target's health (the client left, the request could not be sent). */
  void released() {
    inFlight.decrementAndGet();
    if (breaker != null) {
      breaker.releasePermission();
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** The moving average of the time to answer, NaN before the first answer. */
  public double latencyMillis() {
    return latencyMillis;
  }

  /** {@code closed}, {@code open}, {@code half_open}, or {@code off} without a breaker. */
  public String state() {
    return breaker == null ? "off" : breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Failed calls of the breaker's window, in percent; -1 before it has its minimum of calls. */
  public float failureRate() {
    return breaker == null ? -1 : breaker.getMetrics().getFailureRate();
  }
}
