package dev.switchyard.routing;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.pipeline.Stage;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds where the requested model is served (404 when nowhere) and checks that the caller's key
 * may use it (403). A key that may not use a model is not told whether it exists.
 */
public final class RoutingStage implements Stage {
  private final Supplier<ModelRouter> router;

  public RoutingStage(Supplier<ModelRouter> router) {
    this.router = router;
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
    return chain.proceed(request.withPlan(plan));
  }
}
