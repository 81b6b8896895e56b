package dev.switchyard.routing;

import java.util.List;

/**
 * Where a request may go, in the order to try them: the first target that answers serves it,
 * the next ones are the failover.
 *
 * @param modelName the configured model entry that matched (a pattern for wildcards)
 */
public record RoutePlan(String requestedModel, String modelName, List<RouteTarget> targets) {
  public RoutePlan {
    targets = List.copyOf(targets);
  }
}
