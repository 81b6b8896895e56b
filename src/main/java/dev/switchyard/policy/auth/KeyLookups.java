package dev.switchyard.policy.auth;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.storage.StoredKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Key look-ups on their way to storage, at most {@code server.limits.max_pending_key_lookups} at
 * once (waiting or running). Past that a look-up is refused at once with 503 rather than queued:
 * a queue without a bound is memory and latency a flood of requests could take without limit.
 */
final class KeyLookups {
  static final String SETTING = "server.limits.max_pending_key_lookups";
  /** Look-ups take milliseconds when storage is well: a second is enough for the queue to drain. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final Storage storage;
  private final StorageExecutor executor;
  private final IntSupplier maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  KeyLookups(Storage storage, StorageExecutor executor, IntSupplier maxPending) {
    this.storage = storage;
    this.executor = executor;
    this.maxPending = maxPending;
  }

  CompletableFuture<Optional<StoredKey>> find(String keyHash) {
    int most = maxPending.getAsInt();
    if (pending.incrementAndGet() > most) {
      pending.decrementAndGet();
      return CompletableFuture.failedFuture(busy(most));
    }
    try {
      return executor.submit(() -> storage.findKeyByHash(keyHash))
          .whenComplete((found, failure) -> pending.decrementAndGet());
    } catch (RejectedExecutionException e) { // shutting down
      pending.decrementAndGet();
      return CompletableFuture.failedFuture(busy(most));
    }
  }

  private static GatewayException busy(int most) {
    return new GatewayException(ErrorKind.UNAVAILABLE, "key_lookups_busy", null,
        "Too many API keys are waiting to be checked (" + SETTING + " is " + most + "); retry shortly.")
        .withRetryAfter(RETRY_AFTER);
  }
}
