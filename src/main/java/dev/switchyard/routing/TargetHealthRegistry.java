package dev.switchyard.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchyard.config.BreakerConfig;
import dev.switchyard.provider.UpstreamTarget;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every target's {@link TargetHealth}, kept across config reloads. Bounded: a wildcard model lets
 * clients name targets ({@code openai/anything}), so the least recently used are forgotten past
 * {@link #MAX_TARGETS}, and any not asked for in an hour. A changed {@code routing.circuit_breaker}
 * starts every target afresh.
 */
public final class TargetHealthRegistry {
  static final int MAX_TARGETS = 10_000;

  private final Supplier<BreakerConfig> config;
  private final Cache<String, TargetHealth> targets = Caffeine.newBuilder()
      .maximumSize(MAX_TARGETS)
      .expireAfterAccess(Duration.ofHours(1))
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
    return targets.get(name(target), name -> new TargetHealth(name, now));
  }

  /** The targets asked for lately, by name. */
  public List<TargetHealth> snapshot() {
    return targets.asMap().values().stream().sorted(Comparator.comparing(TargetHealth::name)).toList();
  }

  static String name(UpstreamTarget target) {
    return target.provider().name() + "/" + target.upstreamModel();
  }
}
