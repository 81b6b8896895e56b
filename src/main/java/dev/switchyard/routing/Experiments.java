package dev.switchyard.routing;

import dev.switchyard.config.ExperimentConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Which variant of an experiment a request gets. A named end user is hashed with the experiment's
 * name to a point in [0, 100), so each user keeps to one variant (and to an independent one in
 * each experiment); a request naming no user gets a random point.
 */
final class Experiments {
  private Experiments() {}

  static ExperimentConfig.Variant pick(ExperimentConfig experiment, Optional<String> user, RandomGenerator random) {
    double point = user.map(u -> point(experiment.name(), u)).orElseGet(() -> random.nextDouble() * 100);
    double upTo = 0;
    ExperimentConfig.Variant last = experiment.variants().getFirst();
    for (ExperimentConfig.Variant variant : experiment.variants()) {
      if (variant.percent() <= 0) {
        continue;
      }
      upTo += variant.percent();
      last = variant;
      if (point < upTo) {
        return variant;
      }
    }
    return last; // the rounding of percentages that add up to 100
  }

  /** A point in [0, 100) fixed by the experiment and the user. */
  static double point(String experiment, String user) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((experiment + "\u0000" + user).getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) { // 56 bits: plenty, and positive
        bits = (bits << 8) | (hash[i] & 0xff);
      }
      return bits / (double) (1L << 56) * 100;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
