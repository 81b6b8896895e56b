package dev.switchyard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.http.UnreadBody;
import dev.switchyard.json.Json;
import dev.switchyard.policy.auth.ApiKeys;
import dev.switchyard.storage.StoredKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The key admin API, master key only: {@code POST /admin/keys} makes a virtual key and shows its
 * secret once; {@code GET /admin/keys} lists live keys (never a secret); {@code DELETE
 * /admin/keys/{id}} revokes one, at once. Every {@code /admin/...} request is checked for the
 * master key before a byte of its body is read; bodies are JSON, small, and kept in memory.
 */
public final class KeyAdminRoutes {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String BODY = "switchyard.admin.body";

  private final Gateway gateway;

  public KeyAdminRoutes(Gateway gateway) {
    this.gateway = gateway;
  }

  public void mount(Router router) {
    router.route("/admin/*").handler(this::asMaster);
    router.post("/admin/keys").handler(ctx -> answer(ctx, create(ctx.get(BODY))));
    router.get("/admin/keys").handler(ctx -> answer(ctx, list()));
    router.delete("/admin/keys/:id").handler(ctx -> answer(ctx, revoke(ctx.pathParam("id"))));
  }

  /** Lets only the master key on to the admin routes, with the body read: paused until then. */
  private void asMaster(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    Future.fromCompletionStage(gateway.authenticator().authenticate(ApiKeys.presented(request)),
            Vertx.currentContext())
        .compose(principal -> {
          if (!principal.master()) {
            return Future.failedFuture(new GatewayException(ErrorKind.PERMISSION,
                "master_key_required", null, "The admin API needs the master key."));
          }
          return AdminBody.read(request, gateway.state().config().server().limits().maxAdminBodyBytes());
        })
        .onSuccess(body -> {
          ctx.put(BODY, body);
          ctx.next();
        })
        .onFailure(failure -> refuse(ctx, failure));
  }

  /**
   * Answers a refused admin request. A body it announced is not read: once the answer is out, what
   * still arrives is dropped for a bounded while (so the client can read the answer) and the
   * connection closes, as draining a stranger's body could take as long as they like.
   */
  private static void refuse(RoutingContext ctx, Throwable failure) {
    HttpServerRequest request = ctx.request();
    // HTTP/2 bounds an unread body by flow control, and other requests share the connection.
    boolean unread = AdminBody.announced(request) && !request.isEnded() && request.version() != HttpVersion.HTTP_2;
    if (unread) {
      ctx.response().putHeader("connection", "close");
    }
    JsonReplies.failure(ctx.response(), failure).onComplete(written -> {
      if (unread) {
        UnreadBody.drop(request);
      }
    });
  }

  private static void answer(RoutingContext ctx, Future<JsonObject> action) {
    action.onSuccess(body -> JsonReplies.ok(ctx.response(), body))
        .onFailure(failure -> JsonReplies.failure(ctx.response(), failure));
  }

  private Future<JsonObject> create(Buffer body) {
    NewKeyRequest request;
    try {
      request = NewKeyRequest.parse(body);
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    String secret = ApiKeys.generate();
    StoredKey key = new StoredKey(ApiKeys.newId(), request.name(), ApiKeys.hash(secret), ApiKeys.hint(secret),
        request.models(), request.metadataJson(), gateway.clock().instant(), request.expiresAt(), Optional.empty());
    return blocking(() -> {
      gateway.storage().insertKey(key);
      gateway.authenticator().forget(key.keyHash()); // in case it was presented, and refused, before
      return describe(key).put("key", secret);
    });
  }

  private Future<JsonObject> list() {
    return blocking(() -> {
      JsonArray data = new JsonArray();
      gateway.storage().listKeys().forEach(key -> data.add(describe(key)));
      return new JsonObject().put("object", "list").put("data", data);
    });
  }

  private Future<JsonObject> revoke(String id) {
    return blocking(() -> {
      Optional<StoredKey> key = gateway.storage().listKeys().stream().filter(k -> k.id().equals(id)).findFirst();
      if (key.isEmpty() || !gateway.storage().revokeKey(id, gateway.clock().instant())) {
        throw new GatewayException(ErrorKind.NOT_FOUND, "key_not_found", "id",
            "No live key has the id '" + id + "'.");
      }
      gateway.authenticator().forget(key.get().keyHash());
      return new JsonObject().put("id", id).put("object", "key").put("deleted", true);
    });
  }

  private <T> Future<T> blocking(Supplier<T> work) {
    return Future.fromCompletionStage(gateway.storageExecutor().submit(work), Vertx.currentContext())
        .recover(failure -> Future.failedFuture(failure instanceof java.util.concurrent.CompletionException
            && failure.getCause() != null ? failure.getCause() : failure));
  }

  private static JsonObject describe(StoredKey key) {
    JsonObject metadata;
    try {
      metadata = new JsonObject(key.metadataJson());
    } catch (RuntimeException e) {
      metadata = new JsonObject();
    }
    return new JsonObject()
        .put("id", key.id())
        .put("object", "key")
        .put("name", key.name())
        .put("key_hint", key.keyHint())
        .put("models", new JsonArray(new ArrayList<>(key.models())))
        .put("created_at", key.createdAt().toString())
        .put("expires_at", key.expiresAt().map(Instant::toString).orElse(null))
        .put("metadata", metadata);
  }

  /** The body of {@code POST /admin/keys}, checked. */
  record NewKeyRequest(String name, List<String> models, Optional<Instant> expiresAt, String metadataJson) {
    static NewKeyRequest parse(Buffer body) {
      JsonNode root;
      try {
        root = body == null || body.length() == 0 ? JSON.createObjectNode() : JSON.readTree(body.getBytes());
      } catch (IOException e) {
        throw GatewayException.invalidRequest(null, "The request body is not valid JSON.");
      }
      if (root == null || !root.isObject()) {
        throw GatewayException.invalidRequest(null, "The request body must be a JSON object.");
      }
      List<String> unknown = new ArrayList<>();
      root.fieldNames().forEachRemaining(f -> {
        if (!List.of("name", "models", "expires_at", "metadata").contains(f)) {
          unknown.add(f);
        }
      });
      if (!unknown.isEmpty()) {
        throw GatewayException.invalidRequest(unknown.get(0), "Unknown field '" + unknown.get(0)
            + "' (expected name, models, expires_at, metadata).");
      }
      JsonNode name = root.path("name");
      if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
        throw GatewayException.invalidRequest("name", "'name' must be a string.");
      }
      List<String> models = new ArrayList<>();
      JsonNode modelsNode = root.path("models");
      if (!modelsNode.isMissingNode() && !modelsNode.isNull()) {
        if (!modelsNode.isArray()) {
          throw GatewayException.invalidRequest("models", "'models' must be an array of model names or patterns.");
        }
        if (modelsNode.isEmpty()) { // reads as "no model", yet a stored empty list means every model
          throw GatewayException.invalidRequest("models", "'models' is empty: list the models the key may use,"
              + " or use [\"*\"] (or leave 'models' out) for every model.");
        }
        for (JsonNode m : modelsNode) {
          if (!m.isTextual() || m.asText().isBlank()) {
            throw GatewayException.invalidRequest("models", "'models' must hold only non-empty strings.");
          }
          models.add(m.asText());
        }
      }
      JsonNode metadata = root.path("metadata");
      if (!metadata.isMissingNode() && !metadata.isNull() && !metadata.isObject()) {
        throw GatewayException.invalidRequest("metadata", "'metadata' must be an object.");
      }
      return new NewKeyRequest(name.isTextual() ? name.asText() : "", models, expiresAt(root.path("expires_at")),
          metadata.isObject() ? metadata.toString() : "{}");
    }

    /** An ISO-8601 instant ("2030-01-01T00:00:00Z") or Unix seconds. */
    private static Optional<Instant> expiresAt(JsonNode node) {
      if (node.isMissingNode() || node.isNull()) {
        return Optional.empty();
      }
      if (node.isIntegralNumber()) {
        return Optional.of(Instant.ofEpochSecond(node.asLong()));
      }
      if (node.isTextual()) {
        try {
          return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
          try {
            return Optional.of(java.time.OffsetDateTime.parse(node.asText()).toInstant());
          } catch (DateTimeParseException e2) {
            // fall through to the error
          }
        }
      }
      throw GatewayException.invalidRequest("expires_at",
          "'expires_at' must be an ISO-8601 time such as 2030-01-01T00:00:00Z, or Unix seconds.");
    }
  }
}
