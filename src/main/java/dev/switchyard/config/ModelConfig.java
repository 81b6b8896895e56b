package dev.switchyard.config;

import java.util.List;

/**
 * One entry of {@code models:}: the name clients send, and where it goes, in failover order.
 *
 * @param name an exact name, or a pattern with one {@code *} (such as {@code openai/*})
 * @param targets empty for a {@code provider/*} wildcard, which targets that provider
 */
public record ModelConfig(String name, List<TargetConfig> targets) {
  public ModelConfig {
    targets = List.copyOf(targets);
  }

  /** One place a model is served. {@code model} may hold {@code *}: the part the name's {@code *} matched. */
  public record TargetConfig(String provider, String model) {}
}
