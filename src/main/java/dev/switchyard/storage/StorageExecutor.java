package dev.switchyard.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few threads that run blocking storage calls, so no event loop ever waits on the database;
 * and one more for readiness checks, so a check never waits behind key look-ups or admin work.
 */
public final class StorageExecutor implements AutoCloseable {
  private final ExecutorService threads;
  private final ThreadPoolExecutor probeThread;
  private CompletableFuture<Void> probe; // the ping under way, shared by the checks that come meanwhile

  public StorageExecutor(int size) {
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(size, runnable -> daemon(runnable,
        "switchyard-storage-" + count.incrementAndGet()));
    // Idle most of the time: the thread comes and goes with the checks.
    this.probeThread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> daemon(runnable, "switchyard-storage-probe"));
    this.probeThread.allowCoreThreadTimeOut(true);
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, threads);
  }

  public Executor executor() {
    return threads;
  }

  /**
   * A round trip to {@code storage} for readiness, on the probe thread. A check that comes while
   * one is under way shares it rather than queueing another, so a hung database holds one thread.
   * The caller gets its own copy, to time out without touching the shared one.
   */
  public synchronized CompletableFuture<Void> ping(Storage storage) {
    if (probe == null || probe.isDone()) {
      probe = CompletableFuture.runAsync(storage::ping, probeThread);
    }
    return probe.copy();
  }

  @Override
  public void close() {
    probeThread.shutdownNow();
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
