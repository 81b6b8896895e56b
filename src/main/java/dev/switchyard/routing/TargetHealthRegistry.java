package dev.switchyard.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchyard.config.BreakerConfig;
import dev.switchyard.provider.UpstreamTarget;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every target's {@link TargetHealth}, kept across config reloads. Bounded: a wildcard model lets
 * clients name targets ({@code openai/anything}), so the least used are forgotten past
 * {@link #MAX_TARGETS}. A changed {@code routing.circuit_breaker} starts every target afresh.
 */
public final class TargetHealthRegistry {
  static final int MAX_TARGETS = 10_000;

  private final Supplier<BreakerConfig> config;
  /** By target: its provider is the one of a config version, so a reload starts its targets afresh too. */
  private final Cache<UpstreamTarget, TargetHealth> targets = Caffeine.newBuilder()
      .maximumSize(MAX_TARGETS)
      .build();
  private volatile BreakerConfig current;

  public TargetHealthRegistry(Supplier<BreakerConfig> config) {
    this.config = config;
    this.current = config.get();
  }

  public TargetHealth of(UpstreamTarget target) {
    BreakerConfig now = config.get();
    if (!now.equals(current)) {
      current = now;
      targets.invalidateAll();
    }
    TargetHealth known = targets.getIfPresent(target);
    return known != null ? known : targets.get(target, t -> new TargetHealth(name(t), now));
  }

  /** The targets asked for lately, by name. */
  public List<TargetHealth> snapshot() {
    return targets.asMap().values().stream().sorted(Comparator.comparing(TargetHealth::name)).toList();
  }

  static String name(UpstreamTarget target) {
    return target.provider().name() + "/" + target.upstreamModel();
  }
}
