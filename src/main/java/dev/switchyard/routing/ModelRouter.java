package dev.switchyard.routing;

import dev.switchyard.config.ExperimentConfig;
import dev.switchyard.config.ModelConfig;
import dev.switchyard.config.RetryConfig;
import dev.switchyard.config.RouteRuleConfig;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the model name a client sends to a {@link RoutePlan}. Exact names win; among patterns
 * ({@code openai/*}, {@code gpt-*}) the one with the longest fixed part wins. Targets whose
 * provider is disabled are left out of the plan.
 */
public final class ModelRouter {
  private final Map<String, ModelConfig> exact = new HashMap<>();
  private final List<ModelConfig> patterns = new ArrayList<>();
  private final Map<String, Provider> providers;
  private final RetryConfig defaultRetry;
  private final Map<String, ExperimentConfig> experiments = new HashMap<>();
  private final List<RouteRuleConfig> rules;

  public ModelRouter(List<ModelConfig> models, Map<String, Provider> providers) {
    this(models, providers, RetryConfig.DEFAULT, List.of(), List.of());
  }

  /**
   * @param defaultRetry {@code routing.retry}, for models without their own
   * @param experiments model names that split their traffic between other models
   * @param rules requests that go to another model than the one they name, first match wins
   */
  public ModelRouter(List<ModelConfig> models, Map<String, Provider> providers, RetryConfig defaultRetry,
      List<ExperimentConfig> experiments, List<RouteRuleConfig> rules) {
    this.rules = List.copyOf(rules);
    this.providers = Map.copyOf(providers);
    this.defaultRetry = defaultRetry;
    experiments.forEach(e -> this.experiments.put(e.name(), e));
    for (ModelConfig model : models) {
      if (model.name().contains("*")) {
        patterns.add(model);
      } else {
        exact.put(model.name(), model);
      }
    }
    patterns.sort(Comparator.comparingInt((ModelConfig m) -> m.name().length()).reversed());
  }

  /** The plan for {@code model}, or empty when no configured model matches it. */
  public Optional<Lookup> route(String model) {
    ModelConfig config = exact.get(model);
    String captured = "";
    if (config == null) {
      for (ModelConfig pattern : patterns) {
        Optional<String> match = match(pattern.name(), model);
        if (match.isPresent()) {
          config = pattern;
          captured = match.get();
          break;
        }
      }
    }
    if (config == null) {
      return Optional.empty();
    }
    List<UpstreamTarget> targets = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    for (ModelConfig.TargetConfig target : config.targets()) {
      Provider provider = providers.get(target.provider());
      if (provider.disabledReason().isPresent()) {
        disabled.add(provider.name() + ": " + provider.disabledReason().get());
        continue;
      }
      targets.add(new UpstreamTarget(provider, target.model().replace("*", captured)));
      weights.add(target.weight());
    }
    RoutePlan plan = new RoutePlan(model, config.name(), targets, config.retry().orElse(defaultRetry), List.of());
    return Optional.of(new Lookup(plan, disabled, config.strategy(), weights));
  }

  public List<RouteRuleConfig> rules() {
    return rules;
  }

  /** The experiment a model name stands for, if it is one. */
  public Optional<ExperimentConfig> experiment(String model) {
    return Optional.ofNullable(experiments.get(model));
  }

  /** The concrete model names clients may send, experiments included (patterns are not listed). */
  public List<String> listedModels() {
    List<String> names = new ArrayList<>(exact.keySet());
    names.addAll(experiments.keySet());
    return names.stream().sorted().toList();
  }

  /** Which provider serves a listed model first, for {@code /v1/models}' owned_by. */
  public String firstProvider(String model) {
    ModelConfig config = exact.get(model);
    return config == null || config.targets().isEmpty() ? "switchyard" : config.targets().get(0).provider();
  }

  /**
   * A routing answer: the plan (its targets as configured), why any configured target was left
   * out of it, and how its targets are to be ordered for a request ({@code weights} by index).
   */
  public record Lookup(RoutePlan plan, List<String> disabledTargets, ModelConfig.Strategy strategy,
      List<Integer> weights) {
    public Lookup {
      disabledTargets = List.copyOf(disabledTargets);
      weights = List.copyOf(weights);
    }
  }

  /** The part of {@code model} that {@code pattern}'s single '*' matched, if it matches. */
  static Optional<String> match(String pattern, String model) {
    int star = pattern.indexOf('*');
    String prefix = pattern.substring(0, star);
    String suffix = pattern.substring(star + 1);
    if (model.length() >= prefix.length() + suffix.length() + 1
        && model.startsWith(prefix) && model.endsWith(suffix)) {
      return Optional.of(model.substring(prefix.length(), model.length() - suffix.length()));
    }
    return Optional.empty();
  }
}
