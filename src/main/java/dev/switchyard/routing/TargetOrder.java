package dev.switchyard.routing;

import dev.switchyard.config.ModelConfig.Strategy;
import dev.switchyard.provider.UpstreamTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a model's targets for one request by its {@link Strategy}; the first is tried first, the
 * rest are its failover in that order. Ties keep the configured order.
 */
final class TargetOrder {
  private TargetOrder() {}

  static List<UpstreamTarget> order(List<UpstreamTarget> targets, List<Integer> weights, Strategy strategy,
      TargetHealthRegistry health, RandomGenerator random) {
    if (targets.size() < 2 || strategy == Strategy.ORDERED) {
      return targets;
    }
    List<Ranked> ranked = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      UpstreamTarget target = targets.get(i);
      double rank = switch (strategy) {
        // Weighted sampling without replacement (Efraimidis–Spirakis): each draws -ln(u)/w, smallest first.
        case WEIGHTED -> weights.get(i) <= 0 ? Double.MAX_VALUE : -Math.log(1 - random.nextDouble()) / weights.get(i);
        case LEAST_BUSY -> health.of(target).inFlight();
        // A target not yet measured goes first, so it gets measured.
        case LEAST_LATENCY -> Double.isNaN(health.of(target).latencyMillis()) ? 0 : health.of(target).latencyMillis();
        case ORDERED -> i;
      };
      ranked.add(new Ranked(target, rank, i));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::rank).thenComparingInt(Ranked::position));
    return ranked.stream().map(Ranked::target).toList();
  }

  private record Ranked(UpstreamTarget target, double rank, int position) {}
}
