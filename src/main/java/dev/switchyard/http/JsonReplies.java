package dev.switchyard.http;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.openai.OpenAiErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** JSON answers of the gateway's own endpoints (models, admin, health); errors in OpenAI's shape. */
public final class JsonReplies {
  private JsonReplies() {}

  public static void ok(HttpServerResponse response, JsonObject body) {
    send(response, 200, body.toBuffer());
  }

  public static void send(HttpServerResponse response, int status, Buffer body) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  public static void error(HttpServerResponse response, GatewayException error) {
    send(response, error.status(), OpenAiErrors.render(error));
  }

  /** Reports any failure: our own errors as they are, anything else as a bare 500. */
  public static void failure(HttpServerResponse response, Throwable failure) {
    if (failure instanceof GatewayException gateway) {
      error(response, gateway);
    } else {
      error(response, new GatewayException(ErrorKind.INTERNAL, "internal_error", null,
          "Internal error in the gateway."));
    }
  }
}
