package dev.switchyard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.config.BreakerConfig;
import dev.switchyard.config.ModelConfig.Strategy;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.simulator.SimulatorTransport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TargetOrderTest {
  private final TargetHealthRegistry health = new TargetHealthRegistry(() -> BreakerConfig.DEFAULT);
  private final UpstreamTarget a = target("a");
  private final UpstreamTarget b = target("b");
  private final UpstreamTarget c = target("c");
  private final List<UpstreamTarget> targets = List.of(a, b, c);

  private static UpstreamTarget target(String name) {
    return new UpstreamTarget(Provider.from(new ProviderConfig(name, ProviderKinds.SIMULATOR, Optional.empty(),
        Optional.empty(), List.of(), Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT,
        SimulatorConfig.DEFAULT), SimulatorTransport::of), "m");
  }

  private List<UpstreamTarget> order(Strategy strategy, List<Integer> weights, RandomGenerator random) {
    return TargetOrder.order(targets, weights, strategy, health, random);
  }

  @Test
  void orderedKeepsTheConfiguredOrder() {
    assertThat(order(Strategy.ORDERED, List.of(1, 1, 1), new SplittableRandom(1))).containsExactly(a, b, c);
  }

  @Test
  void leastBusyPutsTheFewestRequestsInFlightFirst() {
    health.of(a).started();
    health.of(a).started();
    health.of(b).started();

    assertThat(order(Strategy.LEAST_BUSY, List.of(1, 1, 1), new SplittableRandom(1))).containsExactly(c, b, a);
  }

  @Test
  void leastLatencyPutsTheFastestFirstAndAnUnmeasuredTargetBeforeAll() {
    health.of(a).started();
    health.of(a).succeeded(0, 300_000);
    health.of(b).started();
    health.of(b).succeeded(0, 100_000);

    assertThat(order(Strategy.LEAST_LATENCY, List.of(1, 1, 1), new SplittableRandom(1))).containsExactly(c, b, a);
  }

  @Test
  void weightedPicksTheFirstInProportionAndNeverAWeightOfZero() {
    SplittableRandom random = new SplittableRandom(7);
    int[] first = new int[3];
    for (int i = 0; i < 10_000; i++) {
      List<UpstreamTarget> ordered = order(Strategy.WEIGHTED, List.of(6, 3, 0), random);
      first[targets.indexOf(ordered.get(0))]++;
      assertThat(ordered.get(2)).isEqualTo(c);
    }

    assertThat(first[0] / 10_000.0).isBetween(0.64, 0.69);
    assertThat(first[2]).isZero();
  }
}
