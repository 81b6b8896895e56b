package dev.switchyard.admin;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.routing.RoutingStage;
import dev.switchyard.routing.TargetHealth;
import dev.switchyard.storage.StoredKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /admin/route?model=…[&key=<key id>]} (master key, checked by the admin routes before
 * this runs): how a request for the model would be routed now — the model entry that matched, its
 * strategy, the targets in the order they would be tried with their health, those left out and
 * why, the retry policy, and, given a key id, whether that key may use the model.
 */
public final class RouteAdminRoutes {
  private final Gateway gateway;

  public RouteAdminRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  public void mount(Router router) {
    router.get("/admin/route").handler(this::explain);
  }

  private void explain(RoutingContext ctx) {
    String model = ctx.request().getParam("model");
    if (model == null || model.isBlank()) {
      JsonReplies.error(ctx.response(), GatewayException.invalidRequest("model",
          "Name the model to explain: /admin/route?model=<model>[&key=<key id>]."));
      return;
    }
    Optional<RoutingStage.Explanation> explanation = gateway.routing().explain(model);
    if (explanation.isEmpty()) {
      JsonReplies.error(ctx.response(), GatewayException.modelNotFound(model));
      return;
    }
    JsonObject answer = describe(explanation.get());
    String keyId = ctx.request().getParam("key");
    if (keyId == null || keyId.isBlank()) {
      JsonReplies.ok(ctx.response(), answer);
      return;
    }
    Future.fromCompletionStage(gateway.storageExecutor().submit(() -> gateway.storage().listKeys().stream()
            .filter(key -> key.id().equals(keyId)).findFirst()), Vertx.currentContext())
        .onSuccess(key -> {
          if (key.isEmpty()) {
            JsonReplies.error(ctx.response(), new GatewayException(ErrorKind.NOT_FOUND, "key_not_found", "key",
                "No key has the id " + keyId + "."));
            return;
          }
          StoredKey stored = key.get();
          boolean mayUse = new Principal(stored.id(), stored.name(), stored.models(), false).mayUse(model);
          JsonReplies.ok(ctx.response(), answer.put("key", new JsonObject().put("id", stored.id())
              .put("name", stored.name()).put("may_use", mayUse)));
        })
        .onFailure(failure -> JsonReplies.failure(ctx.response(), failure));
  }

  private JsonObject describe(RoutingStage.Explanation explanation) {
    JsonArray candidates = new JsonArray();
    for (RoutingStage.Explanation.Candidate target : explanation.candidates()) {
      TargetHealth health = target.health();
      JsonObject candidate = new JsonObject().put("provider", target.provider())
          .put("model", target.model()).put("circuit", health.state()).put("in_flight", health.inFlight());
      if (!Double.isNaN(health.latencyMillis())) {
        candidate.put("latency_ms", Math.round(health.latencyMillis() * 10) / 10.0);
      }
      candidates.add(candidate);
    }
    var retry = explanation.plan().retry();
    return new JsonObject()
        .put("model", explanation.plan().requestedModel())
        .put("entry", explanation.plan().modelName())
        .put("strategy", explanation.strategy())
        .put("candidates", candidates)
        .put("skipped", new JsonArray(explanation.plan().skipped()))
        .put("disabled", new JsonArray(explanation.lookup().disabledTargets()))
        .put("retry", new JsonObject().put("attempts", retry.attempts())
            .put("backoff_ms", retry.backoff().toMillis()).put("max_backoff_ms", retry.maxBackoff().toMillis())
            .put("max_retry_after_ms", retry.maxRetryAfter().toMillis()).put("max_attempts", retry.maxAttempts())
            .put("max_time_ms", retry.maxTime().toMillis()));
  }
}
