package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.StreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Anthropic's Messages API as the client's side of a translation: Claude Code on any model. */
final class AnthropicIngressCodec implements ChatIngressCodec {

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    return AnthropicToCanonical.translate(((AnthropicRequest) request).body());
  }

  @Override
  public Buffer encodeResponse(ChatResponse response, ClientRequest request) {
    return Buffer.buffer(CanonicalToAnthropic.response(response, request.model()));
  }

  @Override
  public StreamEncoder newStreamEncoder(ClientRequest request, Consumer<Buffer> out) {
    return new AnthropicStreamEncoder(request.model(), out);
  }
}
