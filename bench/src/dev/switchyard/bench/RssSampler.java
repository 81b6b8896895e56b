package dev.switchyard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the resident set size (VmRSS) of watched processes at a fixed period, and fits a line
 * through the samples: a slope near zero over a long constant load means memory does not grow.
 */
final class RssSampler {
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, List<long[]>> samples = new LinkedHashMap<>();
  private final long periodMillis;
  private Thread thread;
  private volatile boolean running;

  RssSampler(Map<String, Long> watchedPids, double periodSeconds) {
    this.periodMillis = (long) (periodSeconds * 1000);
    watchedPids.forEach((name, pid) -> {
      pids.put(name, pid);
      samples.put(name, new ArrayList<>());
    });
  }

  void start() {
    if (periodMillis <= 0) {
      return;
    }
    running = true;
    long started = System.nanoTime();
    thread = new Thread(() -> {
      long next = System.currentTimeMillis();
      while (running) {
        long at = (System.nanoTime() - started) / 1_000_000;
        synchronized (samples) {
          pids.forEach((name, pid) -> samples.get(name).add(new long[] {at, ProcStats.statusKb(pid, "VmRSS")}));
        }
        next += periodMillis;
        try {
          Thread.sleep(Math.max(1, next - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    if (thread != null) {
      running = false;
      thread.interrupt();
      thread.join(5_000);
    }
  }

  void writeTo(Results results) {
    synchronized (samples) {
      samples.forEach((name, list) -> {
        if (list.isEmpty()) {
          return;
        }
        String prefix = "rss." + name;
        StringBuilder text = new StringBuilder();
        for (long[] sample : list) {
          text.append(text.length() == 0 ? "" : " ").append(sample[0] / 1000).append("s:")
              .append(sample[1] / 1024).append("MiB");
        }
        results.put(prefix + ".samples", text);
        results.put(prefix + ".count", list.size());
        results.put(prefix + ".first_mib", LoadGen.format(list.get(0)[1] / 1024.0));
        results.put(prefix + ".last_mib", LoadGen.format(list.get(list.size() - 1)[1] / 1024.0));
        results.put(prefix + ".max_mib", LoadGen.format(list.stream().mapToLong(s -> s[1]).max().orElse(0) / 1024.0));
        results.put(prefix + ".slope_mib_per_min", LoadGen.format(slope(list)));
        results.put(prefix + ".second_half_slope_mib_per_min", LoadGen.format(slope(list.subList(list.size() / 2,
            list.size()))));
      });
    }
  }

  /** Least-squares slope of RSS over time, in MiB per minute. */
  static double slope(List<long[]> points) {
    int n = points.size();
    if (n < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (long[] p : points) {
      meanX += p[0] / 60_000.0;
      meanY += p[1] / 1024.0;
    }
    meanX /= n;
    meanY /= n;
    double num = 0;
    double den = 0;
    for (long[] p : points) {
      double dx = p[0] / 60_000.0 - meanX;
      num += dx * (p[1] / 1024.0 - meanY);
      den += dx * dx;
    }
    return den == 0 ? 0 : num / den;
  }
}
