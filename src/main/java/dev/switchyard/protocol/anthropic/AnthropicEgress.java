package dev.switchyard.protocol.anthropic;

import dev.switchyard.error.UpstreamError;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.translation.EgressCodec;
import java.util.function.Consumer;

/** Anthropic's Messages API as a translation target: canonical requests out, its answers back in. */
public final class AnthropicEgress implements EgressCodec {
  public static final AnthropicEgress INSTANCE = new AnthropicEgress();

  private AnthropicEgress() {}

  @Override
  public String path(ChatRequest request, RouteTarget target) {
    return "/v1/messages";
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, RouteTarget target) {
    return CanonicalToAnthropic.translate(request, target.upstreamModel());
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return AnthropicToCanonical.response(body);
  }

  @Override
  public Consumer<SseEvent> newStreamDecoder(Consumer<StreamEvent> out) {
    return new AnthropicStreamDecoder(out)::accept;
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return AnthropicErrors.parse(status, body);
  }
}
