package dev.switchyard.pipeline;

import dev.switchyard.provider.UpstreamTarget;
import java.util.List;

/**
 * Where a request may go, in the order to try them: the first target that answers serves it,
 * the next ones are the failover.
 *
 * @param modelName the configured model entry that matched (a pattern for wildcards)
 */
public record RoutePlan(String requestedModel, String modelName, List<UpstreamTarget> targets) {
  public RoutePlan {
    targets = List.copyOf(targets);
  }
}
