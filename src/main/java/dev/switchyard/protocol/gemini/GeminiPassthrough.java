package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.PassthroughForwarder;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.TopLevelObjectCapture;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.Optional;

/**
 * Gemini in, Gemini out: the client's body goes upstream untouched (the model is renamed in the
 * URL; only a batch embedding, whose body names the model again, is rewritten) and the answer is
 * relayed as it comes — SSE event by event, or a JSON-array stream and plain answers piped through —
 * while {@code usageMetadata} is read on the way past.
 */
final class GeminiPassthrough extends PassthroughForwarder {
  private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final Buffer INTERRUPTED_EVENT = Buffer.buffer("data: "
      + new String(GeminiErrors.render(502, "The upstream stream broke off before its end."),
          java.nio.charset.StandardCharsets.UTF_8) + "\r\n\r\n");

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    GeminiRequest request = (GeminiRequest) exchange.clientRequest();
    Provider provider = target.provider();
    String path = GeminiModelPath.upstreamPath(provider.endpoint().basePath(), request.path().version(),
        target.upstreamModel(), request.action());
    if (!request.upstreamQuery().isEmpty()) {
      path += "?" + request.upstreamQuery();
    }
    return new UpstreamRequest(HttpMethod.POST, path, provider.upstreamHeaders(credential, request.sse()),
        Buffer.buffer(body(request, target.upstreamModel())), request.stream());
  }

  /** The client's bytes; a batch embedding's {@code requests[].model} renamed when the model was. */
  private static byte[] body(GeminiRequest request, String upstreamModel) {
    if (request.action() != GeminiAction.BATCH_EMBED_CONTENTS || upstreamModel.equals(request.model())) {
      return request.body();
    }
    JsonNode root = JsonTrees.readRequest(request.body());
    for (JsonNode entry : root.path("requests")) {
      if (entry instanceof ObjectNode object && object.has("model")) {
        object.put("model", "models/" + upstreamModel);
      }
    }
    return JsonTrees.bytes(root);
  }

  @Override
  protected TopLevelObjectCapture usageCapture(Exchange exchange) {
    return exchange.clientRequest().stream()
        ? TopLevelObjectCapture.inArrayElements("usageMetadata") // the JSON-array stream
        : new TopLevelObjectCapture("usageMetadata");
  }

  @Override
  protected Optional<Usage> usageObject(byte[] json) {
    try {
      return Optional.of(GeminiUsage.fromJson(JsonTrees.MAPPER.readTree(json)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Every Gemini chunk repeats the usage so far; it is read from the first chunk (so an abandoned
   * stream still meters its prompt) and from the one carrying the finish reason, whose usage is final.
   */
  @Override
  protected boolean relayEvent(Exchange exchange, SseEvent event) {
    if (exchange.usage().isEmpty() || contains(event.raw(), FINISH_REASON)) {
      try {
        JsonNode usage = JsonTrees.MAPPER.readTree(event.data()).path("usageMetadata");
        if (usage.isObject()) {
          exchange.usage(GeminiUsage.fromJson(usage));
        }
      } catch (IOException e) {
        // not JSON: relayed all the same, the client's SDK will say what it thinks of it
      }
    }
    return true;
  }

  private static boolean contains(byte[] bytes, byte[] needle) {
    outer:
    for (int i = 0; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  protected Buffer interruptedEvent() {
    return INTERRUPTED_EVENT;
  }

  @Override
  protected boolean isOwnErrorShape(Buffer body) {
    try {
      JsonNode json = JsonTrees.MAPPER.readTree(body.getBytes());
      return json != null && json.path("error").isObject() && json.path("error").has("code");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  protected Buffer wrapError(int status, String message) {
    return Buffer.buffer(GeminiErrors.render(status, message));
  }
}
