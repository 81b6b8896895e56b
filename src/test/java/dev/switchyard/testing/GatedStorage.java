package dev.switchyard.testing;

import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StoredKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Storage} in front of a real one that counts key look-ups and, once {@link #hold()} is
 * called, keeps each look-up waiting until {@link #release()} (at most 30 seconds), as a database
 * that stopped answering would; everything else passes straight through.
 */
public final class GatedStorage implements Storage {
  private final Storage storage;
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  public GatedStorage(Storage storage) {
    this.storage = storage;
  }

  /** Key look-ups begun so far, held ones included. */
  public int lookups() {
    return lookups.get();
  }

  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    gate.countDown();
  }

  /** Waits (at most five seconds) until {@code count} look-ups have begun. */
  public void awaitLookups(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (lookups.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " key look-ups expected, " + lookups.get() + " began");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public Optional<StoredKey> findKeyByHash(String keyHash) {
    lookups.incrementAndGet();
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return storage.findKeyByHash(keyHash);
  }

  @Override
  public void insertKey(StoredKey key) {
    storage.insertKey(key);
  }

  @Override
  public List<StoredKey> listKeys() {
    return storage.listKeys();
  }

  @Override
  public boolean revokeKey(String id, Instant at) {
    return storage.revokeKey(id, at);
  }

  @Override
  public void ping() {
    storage.ping();
  }

  @Override
  public String describe() {
    return storage.describe();
  }

  @Override
  public void close() {
    release();
    storage.close();
  }
}
