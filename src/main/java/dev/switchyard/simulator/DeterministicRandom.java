package dev.switchyard.simulator;

import java.nio.charset.StandardCharsets;

/**
 * A small seeded generator (SplitMix64) and a stable hash (FNV-1a), spelled out here so the
 * simulator's answers stay the same on every JDK and every run.
 */
final class DeterministicRandom {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long state;

  DeterministicRandom(long seed) {
    this.state = seed;
  }

  static long hash(byte[] bytes) {
    long hash = FNV_OFFSET;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return mix(hash);
  }

  static long hash(String text) {
    return hash(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Spreads the bits of {@code value}, so that nearby seeds give unrelated sequences. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += 0x9e3779b97f4a7c15L;
    return mix(state);
  }

  /** A number in {@code [0, bound)}. */
  int nextInt(int bound) {
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** A number in {@code [0, 1)}. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A standard normal number (Box-Muller). */
  double nextGaussian() {
    double u = 1.0 - nextDouble(); // in (0, 1], so the logarithm stays finite
    double v = nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** {@code length} letters and digits, for ids. */
  String nextAlphanumeric(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
