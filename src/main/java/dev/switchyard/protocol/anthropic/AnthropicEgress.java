package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.provider.UpstreamTarget;
import java.util.function.Consumer;

/** Anthropic's Messages API as a translation target: canonical requests out, its answers back in. */
public final class AnthropicEgress implements ChatEgressCodec {
  public static final AnthropicEgress INSTANCE = new AnthropicEgress();

  private AnthropicEgress() {}

  @Override
  public String path(ChatRequest request, UpstreamTarget target) {
    return "/v1/messages";
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target) {
    return CanonicalToAnthropic.translate(request, target.upstreamModel());
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return AnthropicToCanonical.response(body);
  }

  @Override
  public StreamDecoder newStreamDecoder(Consumer<StreamEvent> out) {
    return new AnthropicStreamDecoder(out);
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return AnthropicErrors.parse(status, body);
  }
}
