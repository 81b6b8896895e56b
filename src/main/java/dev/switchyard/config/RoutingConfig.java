package dev.switchyard.config;

import java.util.List;

/**
 * What every model's requests do when a target fails ({@code routing:}), the experiments
 * (top-level {@code experiments:}) that split a model name between models, and the rules
 * (top-level {@code routes:}) that send matching requests to another model.
 */
public record RoutingConfig(RetryConfig retry, BreakerConfig breaker, List<ExperimentConfig> experiments,
    List<RouteRuleConfig> rules) {
  public static final RoutingConfig DEFAULT = new RoutingConfig(RetryConfig.DEFAULT, BreakerConfig.DEFAULT, List.of(),
      List.of());

  public RoutingConfig {
    experiments = List.copyOf(experiments);
    rules = List.copyOf(rules);
  }

  public RoutingConfig withExperiments(List<ExperimentConfig> list) {
    return new RoutingConfig(retry, breaker, list, rules);
  }

  public RoutingConfig withRules(List<RouteRuleConfig> list) {
    return new RoutingConfig(retry, breaker, experiments, list);
  }
}
