package dev.switchyard.http;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.openai.OpenAiErrors;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** JSON answers of the gateway's own endpoints (models, admin, health); errors in OpenAI's shape. */
public final class JsonReplies {
  private JsonReplies() {}

  public static void ok(HttpServerResponse response, JsonObject body) {
    send(response, 200, body.toBuffer());
  }

  /** Sends the answer; the future completes once it is written (at once if there is nothing to write to). */
  public static Future<Void> send(HttpServerResponse response, int status, Buffer body) {
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    return response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  public static Future<Void> error(HttpServerResponse response, GatewayException error) {
    if (!response.headWritten()) {
      error.retryAfterHeader().ifPresent(seconds -> response.putHeader("retry-after", seconds));
    }
    return send(response, error.status(), OpenAiErrors.render(error));
  }

  /** Reports any failure: our own errors as they are, anything else as a bare 500. */
  public static Future<Void> failure(HttpServerResponse response, Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      return error(response, gateway);
    }
    return error(response, new GatewayException(ErrorKind.INTERNAL, "internal_error", null,
        "Internal error in the gateway."));
  }
}
