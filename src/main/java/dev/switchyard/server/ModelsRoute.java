package dev.switchyard.server;

import dev.switchyard.gateway.Gateway;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.policy.auth.ApiKeys;
import dev.switchyard.routing.ModelRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code GET /v1/models}: the configured models that the caller's key may use, in OpenAI's shape. */
final class ModelsRoute {
  private final Gateway gateway;

  ModelsRoute(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Router router) {
    router.get("/v1/models").handler(this::list);
    router.get("/v1/models/:model").handler(this::retrieve);
  }

  /** The caller, by the key its request presents. */
  static Future<Principal> authenticate(Gateway gateway, RoutingContext ctx) {
    return Future.fromCompletionStage(
        gateway.authenticator().authenticate(ApiKeys.presented(ctx.request())), Vertx.currentContext());
  }

  /** The listed models {@code principal} may use, in the config's order. */
  static List<String> usableModels(Gateway gateway, Principal principal) {
    return gateway.state().router().listedModels().stream().filter(principal::mayUse).toList();
  }

  /** Whether {@code model} is one {@code principal} may use and the gateway routes. */
  static boolean usable(Gateway gateway, Principal principal, String model) {
    return principal.mayUse(model) && gateway.state().router().route(model).isPresent();
  }

  private void list(RoutingContext ctx) {
    authenticate(gateway, ctx).onSuccess(principal -> {
      ModelRouter router = gateway.state().router();
      JsonArray data = new JsonArray();
      usableModels(gateway, principal).forEach(model -> data.add(model(model, router)));
      JsonReplies.ok(ctx.response(), new JsonObject().put("object", "list").put("data", data));
    }).onFailure(failure -> JsonReplies.failure(ctx.response(), failure));
  }

  private void retrieve(RoutingContext ctx) {
    String name = ctx.pathParam("model");
    authenticate(gateway, ctx).onSuccess(principal -> {
      ModelRouter router = gateway.state().router();
      if (!usable(gateway, principal, name)) {
        JsonReplies.error(ctx.response(), dev.switchyard.error.GatewayException.modelNotFound(name));
        return;
      }
      JsonReplies.ok(ctx.response(), model(name, router));
    }).onFailure(failure -> JsonReplies.failure(ctx.response(), failure));
  }

  private JsonObject model(String name, ModelRouter router) {
    return new JsonObject()
        .put("id", name)
        .put("object", "model")
        .put("created", gateway.startedAt().getEpochSecond())
        .put("owned_by", router.firstProvider(name));
  }
}
