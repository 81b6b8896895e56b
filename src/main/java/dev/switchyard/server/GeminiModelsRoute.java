package dev.switchyard.server;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.protocol.gemini.GeminiErrors;
import dev.switchyard.protocol.gemini.GeminiModelPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /gemini/v1beta/models} (and {@code /{model}}): the models the caller's key may use, in
 * Gemini's {@code Model} shape, so Google's SDKs can list them; errors in Google's shape.
 */
final class GeminiModelsRoute {
  private static final List<String> METHODS = List.of("generateContent", "streamGenerateContent", "countTokens",
      "embedContent", "batchEmbedContents");

  private final Gateway gateway;

  GeminiModelsRoute(Gateway gateway) {
    this.gateway = gateway;
  }

  void mount(Router router) {
    router.getWithRegex("/gemini/v1(beta)?/models").handler(this::list);
    router.getWithRegex("/gemini/v1(beta)?/models/(?<model>.+)").handler(this::retrieve);
  }

  private void list(RoutingContext ctx) {
    ModelsRoute.authenticate(gateway, ctx).onSuccess(principal -> {
      JsonArray models = new JsonArray();
      ModelsRoute.usableModels(gateway, principal).forEach(model -> models.add(model(model)));
      JsonReplies.ok(ctx.response(), new JsonObject().put("models", models));
    }).onFailure(failure -> fail(ctx, failure));
  }

  private void retrieve(RoutingContext ctx) {
    String name = GeminiModelPath.validModel(ctx.pathParam("model")).orElse(null);
    ModelsRoute.authenticate(gateway, ctx).onSuccess(principal -> {
      if (name == null || !ModelsRoute.usable(gateway, principal, name)) {
        fail(ctx, GatewayException.modelNotFound(name == null ? ctx.pathParam("model") : name));
        return;
      }
      JsonReplies.ok(ctx.response(), model(name));
    }).onFailure(failure -> fail(ctx, failure));
  }

  private static JsonObject model(String name) {
    return new JsonObject()
        .put("name", "models/" + name)
        .put("displayName", name)
        .put("supportedGenerationMethods", new JsonArray(METHODS));
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    GatewayException error = failure instanceof GatewayException gateway ? gateway
        : new GatewayException(ErrorKind.INTERNAL, "internal_error", null,
            "Internal error in the gateway.");
    JsonReplies.send(ctx.response(), error.status(), Buffer.buffer(GeminiErrors.render(error)));
  }
}
