package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.PassthroughForwarder;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic in, Anthropic out: the client's body with only {@code model} renamed, its
 * {@code anthropic-*} headers (version, betas) passed along, and the answer relayed as it comes;
 * usage is read from {@code message_start} and {@code message_delta}.
 */
final class AnthropicPassthrough extends PassthroughForwarder {
  private static final Buffer INTERRUPTED_EVENT = Buffer.buffer("event: error\ndata: "
      + new String(AnthropicErrors.render(502, "The upstream stream broke off before its end."),
          java.nio.charset.StandardCharsets.UTF_8) + "\n\n");

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    AnthropicRequest request = (AnthropicRequest) exchange.clientRequest();
    Provider provider = target.provider();
    MultiMap headers = provider.upstreamHeaders(credential, request.stream());
    for (Map.Entry<String, String> header : exchange.request().headers()) {
      String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith("anthropic-")) {
        headers.set(name, header.getValue());
      }
    }
    String query = exchange.request().query(); // the SDKs mark beta calls with ?beta=true
    return new UpstreamRequest(HttpMethod.POST, query == null ? request.path() : request.path() + "?" + query, headers,
        Buffer.buffer(request.forUpstream(target.upstreamModel())), request.stream());
  }

  @Override
  protected Optional<Usage> usageObject(byte[] json) {
    try {
      return Optional.of(AnthropicUsage.fromJson(JsonTrees.MAPPER.readTree(json)));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  @Override
  protected boolean relayEvent(Exchange exchange, SseEvent event) {
    String type = event.type();
    if (type.equals("message_start") || type.equals("message_delta")) {
      try {
        JsonNode json = JsonTrees.MAPPER.readTree(event.data());
        JsonNode usage = type.equals("message_start") ? json.path("message").path("usage") : json.path("usage");
        Usage started = exchange.usage().orElse(null);
        exchange.usage(started == null || type.equals("message_start")
            ? AnthropicUsage.fromJson(usage)
            : AnthropicUsage.merged(AnthropicUsage.toJson(started), usage));
      } catch (java.io.IOException e) {
        // not JSON: relayed all the same, the client's SDK will say what it thinks of it
      }
    }
    return true;
  }

  @Override
  protected Buffer interruptedEvent() {
    return INTERRUPTED_EVENT;
  }

  @Override
  protected boolean isOwnErrorShape(Buffer body) {
    try {
      JsonNode json = JsonTrees.MAPPER.readTree(body.getBytes());
      return json != null && "error".equals(json.path("type").asText()) && json.path("error").isObject();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Override
  protected Buffer wrapError(int status, String message) {
    return Buffer.buffer(AnthropicErrors.render(status, message));
  }
}
