package dev.switchyard.pipeline;

/**
 * Times Switchyard's own work on one exchange, leaving out waits for the network (the client's
 * body, the upstream's answer): the figure behind {@code x-switchyard-overhead-us}. The sum of
 * "own work" segments, each opened by {@link #resume} and closed by {@link #pause}.
 */
public final class OverheadClock {
  private long ownNanos;
  private long segmentStart = System.nanoTime();
  private boolean running = true;

  /** Switchyard's own code starts running for this exchange. */
  public void resume() {
    if (!running) {
      running = true;
      segmentStart = System.nanoTime();
    }
  }

  /** Switchyard now waits for the network. */
  public void pause() {
    if (running) {
      running = false;
      ownNanos += System.nanoTime() - segmentStart;
    }
  }

  public long micros() {
    return (ownNanos + (running ? System.nanoTime() - segmentStart : 0)) / 1000;
  }
}
