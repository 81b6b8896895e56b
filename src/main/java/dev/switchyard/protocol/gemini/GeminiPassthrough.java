package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ByteScan;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.protocol.TopLevelObjectCapture;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Gemini in, Gemini out: the client's body goes upstream untouched (the model is renamed in the
 * URL; only a batch embedding, whose body names the model again, is rewritten) and the answer is
 * relayed as it comes — SSE event by event, or a JSON-array stream and plain answers piped through —
 * while {@code usageMetadata} is read on the way past. Gemini streams have no end sentinel: one is
 * whole once a chunk carries the finish reason.
 */
final class GeminiPassthrough implements PassthroughCodec {
  private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INTERRUPTED_EVENT = ("data: "
      + new String(GeminiErrors.render(502, "The upstream stream broke off before its end."), StandardCharsets.UTF_8)
      + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);

  @Override
  public UpstreamRequest request(ClientRequest clientRequest, UpstreamTarget target,
      Optional<Provider.Credential> credential) {
    GeminiRequest request = (GeminiRequest) clientRequest;
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
  public TopLevelObjectCapture usageCapture(ClientRequest request) {
    return request.stream()
        ? TopLevelObjectCapture.inArrayElements("usageMetadata") // the JSON-array stream
        : new TopLevelObjectCapture("usageMetadata");
  }

  @Override
  public Optional<Usage> usageObject(byte[] json) {
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
  public StreamWatch watchStream(ClientRequest request) {
    return new StreamWatch() {

      @Override
      public boolean relay(SseEvent event) {
        byte[] data = event.data();
        boolean finishes = ByteScan.contains(data, FINISH_REASON);
        if (usage().isEmpty() || finishes) {
          readUsage(data);
        }
        if (finishes) {
          finish();
        } else if (!finished() && ByteScan.startsWithKey(data, ERROR)) {
          fail();
        }
        return true;
      }

      private void readUsage(byte[] data) {
        try {
          JsonNode reported = JsonTrees.MAPPER.readTree(data).path("usageMetadata");
          if (reported.isObject()) {
            usage(GeminiUsage.fromJson(reported));
          }
        } catch (IOException e) {
          // not JSON: relayed all the same, the client's SDK will say what it thinks of it
        }
      }
    };
  }

  @Override
  public Buffer interruptedEvent() {
    return Buffer.buffer(INTERRUPTED_EVENT);
  }

  @Override
  public Buffer errorEvent(GatewayException error) {
    return Buffer.buffer("data: ").appendBytes(GeminiErrors.render(error)).appendString("\r\n\r\n");
  }

  @Override
  public boolean isOwnErrorShape(Buffer body) {
    try {
      JsonNode json = JsonTrees.MAPPER.readTree(body.getBytes());
      return json != null && json.path("error").isObject() && json.path("error").has("code");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Buffer wrapError(int status, String message) {
    return Buffer.buffer(GeminiErrors.render(status, message));
  }
}
