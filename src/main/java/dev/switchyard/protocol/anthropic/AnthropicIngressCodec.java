package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.ClientRequest;
import dev.switchyard.error.GatewayException;
import dev.switchyard.translation.IngressCodec;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Anthropic's Messages API as the client's side of a translation: Claude Code on any model. */
final class AnthropicIngressCodec implements IngressCodec {

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    return AnthropicToCanonical.translate(((AnthropicRequest) request).body());
  }

  @Override
  public Buffer encodeResponse(ChatResponse response, ClientRequest request) {
    return Buffer.buffer(CanonicalToAnthropic.response(response, request.model()));
  }

  @Override
  public Consumer<StreamEvent> newStreamEncoder(ClientRequest request, Consumer<Buffer> out) {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(request.model());
    return event -> {
      byte[] bytes = encoder.encode(event);
      if (bytes.length > 0) {
        out.accept(Buffer.buffer(bytes));
      }
    };
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return Buffer.buffer(AnthropicErrors.render(error));
  }
}
