package dev.switchyard.server;

import dev.switchyard.gateway.Gateway;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.routing.TargetHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: it can serve traffic, its
 * storage included. Neither needs a key, so load balancers can call them.
 */
final class HealthRoutes {
  private final Gateway gateway;

  HealthRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> JsonReplies.ok(ctx.response(), new JsonObject().put("status", "ok")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    // Its own path to storage: never queued behind key look-ups, which a flood of requests can fill.
    Future.fromCompletionStage(gateway.storageExecutor().ping(gateway.storage()).orTimeout(2, TimeUnit.SECONDS),
            Vertx.currentContext())
        .onSuccess(ok -> JsonReplies.ok(ctx.response(), new JsonObject().put("status", "ready")
            .put("storage", "ok")
            .put("providers", gateway.state().providers().size())
            .put("models", gateway.state().config().models().size())
            .put("targets", targets())))
        .onFailure(failure -> JsonReplies.send(ctx.response(), 503, new JsonObject()
            .put("status", "unavailable").put("storage", "unreachable").toBuffer()));
  }

  /**
   * The targets asked for lately and their health: an open breaker is not unreadiness (the others
   * serve), so it is shown here, not turned into a 503.
   */
  private JsonArray targets() {
    JsonArray targets = new JsonArray();
    for (TargetHealth target : gateway.targetHealth().snapshot()) {
      JsonObject entry = new JsonObject().put("target", target.name()).put("circuit", target.state())
          .put("in_flight", target.inFlight());
      if (!Double.isNaN(target.latencyMillis())) {
        entry.put("latency_ms", Math.round(target.latencyMillis() * 10) / 10.0);
      }
      if (target.failureRate() >= 0) {
        entry.put("failure_rate", target.failureRate());
      }
      targets.add(entry);
    }
    return targets;
  }
}
