package dev.switchyard.bench;

import java.util.Arrays;

/**
 * Every recorded latency kept exactly (nanoseconds in a growable array), sorted once when read:
 * enough for the few hundred thousand samples a bench phase takes, and free of bucket error.
 */
final class Histogram {
  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;

  void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
    sorted = false;
  }

  int count() {
    return size;
  }

  /** The value at quantile {@code q} (0..1), nearest rank; 0 when empty. */
  long quantile(double q) {
    if (size == 0) {
      return 0;
    }
    sort();
    int rank = (int) Math.ceil(q * size);
    return values[Math.max(0, Math.min(size - 1, rank - 1))];
  }

  long max() {
    return quantile(1.0);
  }

  double mean() {
    if (size == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum / size;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
  }

  /** Writes count, mean and the usual quantiles in microseconds under {@code prefix}. */
  void writeTo(Results results, String prefix) {
    results.put(prefix + ".count", size);
    results.put(prefix + ".mean_us", micros((long) mean()));
    results.put(prefix + ".p50_us", micros(quantile(0.50)));
    results.put(prefix + ".p90_us", micros(quantile(0.90)));
    results.put(prefix + ".p99_us", micros(quantile(0.99)));
    results.put(prefix + ".p999_us", micros(quantile(0.999)));
    results.put(prefix + ".max_us", micros(max()));
  }

  private static String micros(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
  }
}
