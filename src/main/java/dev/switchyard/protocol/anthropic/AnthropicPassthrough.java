package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.util.Optional;

/**
 * Anthropic in, Anthropic out: the client's body with only {@code model} renamed, its
 * {@code anthropic-*} headers (version, betas) and query passed along, and the answer relayed as it
 * comes; usage is read from {@code message_start} and {@code message_delta}. A stream is whole at
 * {@code message_stop}, or at the {@code message_delta} before it for servers that close early.
 */
final class AnthropicPassthrough implements PassthroughCodec {
  private static final byte[] INTERRUPTED_EVENT = ("event: error\ndata: "
      + new String(AnthropicErrors.render(502, "The upstream stream broke off before its end."),
          java.nio.charset.StandardCharsets.UTF_8) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Override
  public UpstreamRequest request(ClientRequest clientRequest, UpstreamTarget target,
      Optional<Provider.Credential> credential) {
    AnthropicRequest request = (AnthropicRequest) clientRequest;
    MultiMap headers = target.provider().upstreamHeaders(credential, request.stream());
    request.anthropicHeaders().forEach(headers::set);
    return new UpstreamRequest(HttpMethod.POST, request.upstreamPath(), headers,
        Buffer.buffer(request.forUpstream(target.upstreamModel())), request.stream());
  }

  @Override
  public Optional<Usage> usageObject(byte[] json) {
    try {
      return Optional.of(AnthropicUsage.fromJson(JsonTrees.MAPPER.readTree(json)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public StreamWatch watchStream(ClientRequest request) {
    return new StreamWatch() {

      @Override
      public boolean relay(SseEvent event) {
        switch (event.type()) {
          case "message_start", "message_delta" -> readUsage(event);
          case "message_stop" -> finish();
          case "error" -> fail();
          default -> { }
        }
        return true;
      }

      private void readUsage(SseEvent event) {
        boolean start = event.type().equals("message_start");
        try {
          JsonNode json = JsonTrees.MAPPER.readTree(event.data());
          JsonNode reported = start ? json.path("message").path("usage") : json.path("usage");
          usage(usage().isEmpty() || start
              ? AnthropicUsage.fromJson(reported)
              : AnthropicUsage.merged(AnthropicUsage.toJson(usage().get()), reported));
          if (!start) {
            finish(); // the message_delta carries the stop reason: the answer is whole
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
    return Buffer.buffer("event: error\ndata: ").appendBytes(AnthropicErrors.render(error)).appendString("\n\n");
  }

  @Override
  public boolean isOwnErrorShape(Buffer body) {
    try {
      JsonNode json = JsonTrees.MAPPER.readTree(body.getBytes());
      return json != null && "error".equals(json.path("type").asText()) && json.path("error").isObject();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Buffer wrapError(int status, String message) {
    return Buffer.buffer(AnthropicErrors.render(status, message));
  }
}
