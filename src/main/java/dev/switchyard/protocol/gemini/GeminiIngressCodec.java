package dev.switchyard.protocol.gemini;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.StreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Gemini's generateContent as the client's side of a translation: Google's SDKs on any model. */
final class GeminiIngressCodec implements ChatIngressCodec {

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    GeminiRequest gemini = (GeminiRequest) request;
    return GeminiToCanonical.request(gemini.body(), gemini.model(), gemini.stream());
  }

  @Override
  public Buffer encodeResponse(ChatResponse response, ClientRequest request) {
    return Buffer.buffer(CanonicalToGeminiResponse.response(response, request.model()));
  }

  @Override
  public StreamEncoder newStreamEncoder(ClientRequest request, Consumer<Buffer> out) {
    return new GeminiStreamEncoder(request.model(), framing(request), out);
  }

  @Override
  public String streamContentType(ClientRequest request) {
    return framing(request) == GeminiStreamEncoder.Framing.SSE
        ? "text/event-stream" : "application/json; charset=UTF-8";
  }

  private static GeminiStreamEncoder.Framing framing(ClientRequest request) {
    return ((GeminiRequest) request).sse() ? GeminiStreamEncoder.Framing.SSE : GeminiStreamEncoder.Framing.JSON_ARRAY;
  }
}
