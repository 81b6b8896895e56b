package dev.switchyard.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The few threads that run blocking storage calls, so no event loop ever waits on the database. */
public final class StorageExecutor implements AutoCloseable {
  private final ExecutorService threads;

  public StorageExecutor(int size) {
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(size, runnable -> {
      Thread thread = new Thread(runnable, "switchyard-storage-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, threads);
  }

  public java.util.concurrent.Executor executor() {
    return threads;
  }

  @Override
  public void close() {
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
