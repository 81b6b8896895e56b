package dev.switchyard.config;

import java.time.Duration;

/**
 * How a request retries before it gives up on a target, and how much trying it may do in all.
 * Only failures another try may cure are retried: 429, 5xx (and Anthropic's 529), connection
 * failures and timeouts; never 400, 401, 403, 404 or 422.
 *
 * @param attempts tries per target (1: none again on the same target; the next target is then tried)
 * @param backoff the wait before the second try, doubled for each later one, with jitter
 * @param maxBackoff the longest wait between two tries
 * @param maxRetryAfter a provider's {@code Retry-After} up to this long is waited for; longer
 *     moves on to the next target at once
 * @param maxAttempts tries of one request over all its targets
 * @param maxTime no new try starts once the request has been trying this long
 */
public record RetryConfig(int attempts, Duration backoff, Duration maxBackoff, Duration maxRetryAfter,
    int maxAttempts, Duration maxTime) {
  public static final RetryConfig DEFAULT = new RetryConfig(2, Duration.ofMillis(250), Duration.ofSeconds(4),
      Duration.ofSeconds(10), 6, Duration.ofSeconds(60));
}
