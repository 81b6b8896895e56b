package dev.switchyard.pipeline;

import dev.switchyard.config.RetryConfig;
import dev.switchyard.provider.UpstreamTarget;
import java.util.List;

/**
 * Where a request may go, in the order to try them: the first target that answers serves it,
 * the next ones are the failover.
 *
 * @param modelName the configured model entry that matched (a pattern for wildcards)
 * @param retry how often each target is tried, and how much trying the request may do in all
 * @param skipped targets left out of this plan, each with why (its circuit breaker is open...)
 */
public record RoutePlan(String requestedModel, String modelName, List<UpstreamTarget> targets, RetryConfig retry,
    List<String> skipped) {
  public RoutePlan {
    targets = List.copyOf(targets);
    skipped = List.copyOf(skipped);
  }

  public RoutePlan(String requestedModel, String modelName, List<UpstreamTarget> targets) {
    this(requestedModel, modelName, targets, RetryConfig.DEFAULT, List.of());
  }

  public RoutePlan withTargets(List<UpstreamTarget> ordered, List<String> left) {
    return new RoutePlan(requestedModel, modelName, ordered, retry, left);
  }
}
