package dev.switchyard.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code models:}: the name clients send, where it goes, and how the targets are
 * chosen among.
 *
 * @param name an exact name, or a pattern with one {@code *} (such as {@code openai/*})
 * @param targets empty for a {@code provider/*} wildcard, which targets that provider
 * @param strategy the order in which the targets are tried
 * @param retry this model's own retry policy, in place of {@code routing.retry}
 */
public record ModelConfig(String name, List<TargetConfig> targets, Strategy strategy, Optional<RetryConfig> retry) {
  public ModelConfig {
    targets = List.copyOf(targets);
  }

  public ModelConfig(String name, List<TargetConfig> targets) {
    this(name, targets, Strategy.ORDERED, Optional.empty());
  }

  /**
   * One place a model is served. {@code model} may hold {@code *}: the part the name's {@code *}
   * matched. {@code weight} is its share under {@link Strategy#WEIGHTED}.
   */
  public record TargetConfig(String provider, String model, int weight) {
    public TargetConfig(String provider, String model) {
      this(provider, model, 1);
    }
  }

  /** How a model's targets are ordered for each request; the ones after the first are its failover. */
  public enum Strategy {
    /** As listed. */
    ORDERED,
    /** The first picked at random in proportion to the weights, the rest in the same way. */
    WEIGHTED,
    /** Fastest first, by each target's recent time to answer. */
    LEAST_LATENCY,
    /** Fewest requests in flight first. */
    LEAST_BUSY;

    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Strategy> fromConfigName(String text) {
      for (Strategy strategy : values()) {
        if (strategy.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return Optional.of(strategy);
        }
      }
      return Optional.empty();
    }
  }
}
