package dev.switchyard.protocol.gemini;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.ClientRequest;
import dev.switchyard.error.GatewayException;
import dev.switchyard.translation.IngressCodec;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Gemini's generateContent as the client's side of a translation: Google's SDKs on any model. */
final class GeminiIngressCodec implements IngressCodec {

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
  public Consumer<StreamEvent> newStreamEncoder(ClientRequest request, Consumer<Buffer> out) {
    GeminiStreamEncoder encoder = new GeminiStreamEncoder(request.model(), framing(request));
    return event -> {
      byte[] bytes = encoder.encode(event);
      if (bytes.length > 0) {
        out.accept(Buffer.buffer(bytes));
      }
    };
  }

  @Override
  public String streamContentType(ClientRequest request) {
    return framing(request) == GeminiStreamEncoder.Framing.SSE
        ? "text/event-stream" : "application/json; charset=UTF-8";
  }

  private static GeminiStreamEncoder.Framing framing(ClientRequest request) {
    return ((GeminiRequest) request).sse() ? GeminiStreamEncoder.Framing.SSE : GeminiStreamEncoder.Framing.JSON_ARRAY;
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return Buffer.buffer(GeminiErrors.render(error));
  }
}
