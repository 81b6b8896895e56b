package dev.switchyard.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to each target's requests: latency from the planned start to the end and to the
 * first body byte, and counts of successes, errors by kind, skipped and lost requests. Written on
 * the event loop and read by the main thread at the end, hence the (uncontended) locking.
 */
final class Recorder {
  private final Map<String, Stats> stats = new LinkedHashMap<>();
  private int open;
  private int peakOpen;
  private boolean closed;

  /** One target's figures. */
  private static final class Stats {
    final Histogram total = new Histogram();
    final Histogram firstByte = new Histogram();
    final Map<String, Long> errors = new TreeMap<>();
    long ok;
    long failed;
    long skipped;
    long outstanding;
    long lost;
    long bytes;
  }

  Recorder(List<Target> targets) {
    for (Target target : targets) {
      stats.put(target.name(), new Stats());
    }
  }

  synchronized void opened(Target target) {
    stats.get(target.name()).outstanding++;
  }

  synchronized long outstanding(Target target) {
    return stats.get(target.name()).outstanding;
  }

  synchronized long totalOutstanding() {
    return stats.values().stream().mapToLong(s -> s.outstanding).sum();
  }

  synchronized void skip(Target target) {
    stats.get(target.name()).skipped++;
  }

  /** A stream's 200 head arrived: it counts as open until it is recorded. */
  synchronized void streamOpen() {
    open++;
    peakOpen = Math.max(peakOpen, open);
  }

  synchronized void streamClosed() {
    open--;
  }

  synchronized void record(Target target, long plannedNanos, Caller.Sample sample) {
    if (closed) {
      return;
    }
    Stats s = stats.get(target.name());
    s.outstanding = Math.max(0, s.outstanding - 1);
    s.bytes += sample.bytes();
    if (sample.ok()) {
      s.ok++;
      s.total.record(sample.endNanos() - plannedNanos);
      s.firstByte.record(sample.firstByteNanos() - plannedNanos);
    } else {
      s.failed++;
      s.errors.merge(sample.error(), 1L, Long::sum);
    }
  }

  /** Ends recording; requests still unanswered count as lost. */
  synchronized void abandonOutstanding() {
    closed = true;
    for (Stats s : stats.values()) {
      s.lost += s.outstanding;
      s.outstanding = 0;
    }
  }

  synchronized long ok(String target) {
    Stats s = stats.get(target);
    if (s == null) {
      throw new IllegalArgumentException("no target named " + target);
    }
    return s.ok;
  }

  synchronized long totalOk() {
    return stats.values().stream().mapToLong(s -> s.ok).sum();
  }

  synchronized void writeTo(Results results, long elapsedNanos) {
    results.put("peak_open", peakOpen);
    stats.forEach((name, s) -> {
      String prefix = "t." + name;
      results.put(prefix + ".ok", s.ok);
      results.put(prefix + ".errors", s.failed + s.lost);
      results.put(prefix + ".skipped", s.skipped);
      results.put(prefix + ".lost", s.lost);
      results.put(prefix + ".error_kinds", s.errors.isEmpty() ? "none" : s.errors.toString());
      results.put(prefix + ".rps", LoadGen.format(s.ok / (elapsedNanos / 1e9)));
      results.put(prefix + ".bytes", s.bytes);
      s.total.writeTo(results, prefix + ".lat");
      s.firstByte.writeTo(results, prefix + ".ttfb");
    });
  }
}
