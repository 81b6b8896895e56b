package dev.switchyard.routing;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.pipeline.Stage;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Finds where the requested model is served (404 when nowhere) and checks that the caller's key
 * may use it (403). A key that may not use a model is not told whether it exists. The plan's
 * targets are ordered by the model's strategy; those whose circuit breaker is open and cooling
 * down are left out while another target remains. A breaker never leaves a request without a try:
 * like Envoy's outlier detection, it moves traffic to the healthy, it does not refuse it.
 */
public final class RoutingStage implements Stage {
  private final Supplier<ModelRouter> router;
  private final TargetHealthRegistry health;

  public RoutingStage(Supplier<ModelRouter> router, TargetHealthRegistry health) {
    this.router = router;
    this.health = health;
  }

  @Override
  public Future<Completion> apply(ProxyRequest request, Chain chain) {
    String model = request.model();
    Principal principal = request.principal().orElseThrow();
    if (!principal.mayUse(model)) {
      return Future.failedFuture(GatewayException.forbidden(
          "This API key may not use the model `" + model + "`."));
    }
    Optional<ModelRouter.Lookup> lookup = router.get().route(model);
    if (lookup.isEmpty()) {
      return Future.failedFuture(GatewayException.modelNotFound(model));
    }
    RoutePlan plan = lookup.get().plan();
    if (plan.targets().isEmpty()) {
      return Future.failedFuture(new GatewayException(ErrorKind.UNAVAILABLE, "provider_disabled", "model",
          "The model `" + model + "` has no enabled provider: "
              + String.join("; ", lookup.get().disabledTargets())));
    }
    return chain.proceed(request.withPlan(ordered(lookup.get())));
  }

  private RoutePlan ordered(ModelRouter.Lookup lookup) {
    RoutePlan plan = lookup.plan();
    List<UpstreamTarget> ordered = TargetOrder.order(plan.targets(), lookup.weights(), lookup.strategy(), health,
        ThreadLocalRandom.current());
    List<UpstreamTarget> live = new ArrayList<>(ordered.size());
    List<String> skipped = new ArrayList<>();
    for (UpstreamTarget target : ordered) {
      TargetHealth state = health.of(target);
      if (state.coolingDown()) {
        skipped.add(state.name() + ": circuit open");
      } else {
        live.add(target);
      }
    }
    if (live.isEmpty()) { // never none: with every breaker open, they are all tried as a last resort
      return plan.withTargets(ordered, List.of());
    }
    return plan.withTargets(live, skipped);
  }
}
