package dev.switchyard.testing;

import dev.switchyard.metering.UsageRecord;
import dev.switchyard.metering.UsageSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A metering hook that keeps every {@link UsageRecord} so tests can wait for the one of their
 * request (the gateway hands it over after the response is complete, so it may trail the answer).
 */
public final class CapturedUsage implements UsageSink {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final List<UsageRecord> records = new ArrayList<>();

  @Override
  public synchronized void record(UsageRecord record) {
    records.add(record);
    notifyAll();
  }

  public synchronized List<UsageRecord> all() {
    return List.copyOf(records);
  }

  public synchronized void clear() {
    records.clear();
  }

  /** The record of the request with this {@code x-request-id}. */
  public UsageRecord await(String requestId) {
    return await(r -> r.requestId().equals(requestId), "request " + requestId);
  }

  /** The records matching {@code test} once there are {@code count} of them, waiting up to five seconds. */
  public synchronized List<UsageRecord> await(Predicate<UsageRecord> test, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<UsageRecord> matching = records.stream().filter(test).toList();
      long left = deadline - System.nanoTime();
      if (matching.size() >= count || left <= 0) {
        return matching;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The first record matching {@code test}, waiting up to five seconds for it. */
  public synchronized UsageRecord await(Predicate<UsageRecord> test, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      for (UsageRecord record : records) {
        if (test.test(record)) {
          return record;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no usage record for " + what + " within " + WAIT + "; have: " + records);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
