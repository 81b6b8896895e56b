package dev.switchyard.config;

import java.util.List;

/**
 * What every model's requests do when a target fails ({@code routing:}), and the experiments
 * (top-level {@code experiments:}) that split a model name between models.
 */
public record RoutingConfig(RetryConfig retry, BreakerConfig breaker, List<ExperimentConfig> experiments) {
  public static final RoutingConfig DEFAULT = new RoutingConfig(RetryConfig.DEFAULT, BreakerConfig.DEFAULT, List.of());

  public RoutingConfig {
    experiments = List.copyOf(experiments);
  }

  public RoutingConfig withExperiments(List<ExperimentConfig> list) {
    return new RoutingConfig(retry, breaker, list);
  }
}
