package dev.switchyard.protocol.openai;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.StreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.function.Consumer;

/** OpenAI chat completions as the client's side of a translation. */
final class OpenAiChatIngressCodec implements ChatIngressCodec {
  private final Clock clock;

  OpenAiChatIngressCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    return OpenAiChatToCanonical.translate(((OpenAiRequest) request).body());
  }

  @Override
  public Buffer encodeResponse(ChatResponse response, ClientRequest request) {
    return Buffer.buffer(CanonicalToOpenAiChat.response(response, request.model(), now()).value());
  }

  @Override
  public StreamEncoder newStreamEncoder(ClientRequest request, Consumer<Buffer> out) {
    return new OpenAiChatStreamEncoder(request.model(), now(), ((OpenAiRequest) request).clientWantsStreamUsage(),
        out);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
