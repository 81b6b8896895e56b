package dev.switchyard.simulator;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * A simulated response body: prepared chunks handed out by timers on the caller's context, at the
 * configured pace, as a Vert.x {@link ReadStream}. It honours demand the way Vert.x streams do
 * ({@code pause}, {@code resume}, {@code fetch}), can break off with an exception after a given
 * number of chunks, and once cancelled reports that once and says nothing more.
 *
 * <p>Design note: every chunk, the end and a failure are delivered from {@link #deliver()}, which
 * runs only on the context's thread and never re-enters itself; calls from other threads hop onto
 * the context first. Pacing follows a schedule ({@code nextDue}) rather than fixed waits, so rates
 * beyond one chunk per millisecond catch up in bursts instead of slowing down.
 */
final class SimulatedStream implements ReadStream<Buffer> {
  /** One chunk of the body; paced chunks (tokens) wait their turn, the others follow at once. */
  record Item(Buffer data, boolean paced) {}

  /** The most chunks handed out in one go before yielding the event loop to others. */
  private static final int BURST = 64;

  private final Context context;
  private final Thread thread;
  private final List<Item> items;
  private final long intervalNanos;
  private final int failAfter;
  private final Supplier<Throwable> cut;
  private final long idleTimeoutMillis;
  private final Supplier<Throwable> idle;

  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private int next;
  private long nextDue;
  private boolean started;
  private boolean done;
  private boolean delivering;
  private boolean taskPending;
  private long timerId = -1;

  /**
   * @param context where the handlers are called; the stream must be created on its thread
   * @param tokensPerSecond pace of the paced chunks; 0 for none
   * @param failAfter how many chunks to give before failing with {@code cut}; -1 never
   * @param idleTimeoutMillis how long a wait between chunks may last before failing with {@code idle};
   *     0 for no limit
   */
  SimulatedStream(Context context, List<Item> items, double tokensPerSecond, int failAfter, Supplier<Throwable> cut,
      long idleTimeoutMillis, Supplier<Throwable> idle) {
    this.context = context;
    this.thread = Thread.currentThread();
    this.items = List.copyOf(items);
    this.intervalNanos = tokensPerSecond > 0 ? Math.max(1, Math.round(1e9 / tokensPerSecond)) : 0;
    this.failAfter = failAfter < 0 ? -1 : Math.min(failAfter, items.size());
    this.cut = cut;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.idle = idle;
  }

  /** Begins handing out chunks, from the next turn of the event loop. */
  void start() {
    onContext(() -> {
      started = true;
      nextDue = System.nanoTime();
      schedule();
    });
  }

  /**
   * Stops at once, as a reset connection does: the exception handler hears {@code reason} once,
   * on a later turn, and no chunk or end follows. Without that word the reader would wait forever.
   */
  void cancel(Throwable reason) {
    onContext(() -> {
      if (done) {
        return;
      }
      done = true;
      cancelTimer();
      Handler<Throwable> failed = exceptionHandler;
      if (failed != null) {
        context.runOnContext(ignored -> failed.handle(reason));
      }
    });
  }

  @Override
  public SimulatedStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public SimulatedStream endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public SimulatedStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public SimulatedStream pause() {
    onContext(() -> demand = 0);
    return this;
  }

  @Override
  public SimulatedStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public SimulatedStream fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("fetch needs a positive amount, not " + amount);
    }
    onContext(() -> {
      if (demand == 0 && amount > 0) {
        // The pause was the reader's, not the upstream's: no burst of overdue tokens after it.
        nextDue = Math.max(nextDue, System.nanoTime());
      }
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      if (started && !delivering) {
        schedule();
      }
    });
    return this;
  }

  private void deliver() {
    if (done || delivering) {
      return;
    }
    delivering = true;
    try {
      int burst = 0;
      while (!done && demand > 0) {
        if (next == failAfter) {
          finish(cut.get());
          return;
        }
        if (next == items.size()) {
          finish(null);
          return;
        }
        if (++burst > BURST) {
          schedule();
          return;
        }
        Item item = items.get(next);
        if (item.paced() && intervalNanos > 0) {
          long wait = nextDue - System.nanoTime();
          if (wait > 0) {
            waitFor(wait);
            return;
          }
          nextDue += intervalNanos;
        }
        next++;
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        Handler<Buffer> current = handler;
        if (current != null) {
          current.handle(item.data());
        }
      }
    } finally {
      delivering = false;
    }
  }

  private void finish(Throwable failure) {
    done = true;
    cancelTimer();
    if (failure == null) {
      if (endHandler != null) {
        endHandler.handle(null);
      }
    } else if (exceptionHandler != null) {
      exceptionHandler.handle(failure);
    }
  }

  /** Delivers on a later turn of the event loop, unless that is already arranged. */
  private void schedule() {
    if (done || taskPending || timerId >= 0) {
      return;
    }
    taskPending = true;
    context.runOnContext(ignored -> {
      taskPending = false;
      deliver();
    });
  }

  private void waitFor(long nanos) {
    long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
    if (idleTimeoutMillis > 0 && millis > idleTimeoutMillis) {
      timerId = context.owner().setTimer(idleTimeoutMillis, ignored -> {
        timerId = -1;
        if (!done) {
          finish(idle.get());
        }
      });
      return;
    }
    timerId = context.owner().setTimer(millis, ignored -> {
      timerId = -1;
      deliver();
    });
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void onContext(Runnable action) {
    if (Thread.currentThread() == thread) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }
}
