package dev.switchyard.protocol.gemini;

import dev.switchyard.error.UpstreamError;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.translation.EgressCodec;
import java.util.function.Consumer;

/** Gemini's generateContent as a translation target: OpenAI and Anthropic clients on Gemini models. */
public final class GeminiEgress implements EgressCodec {
  public static final GeminiEgress INSTANCE = new GeminiEgress();
  private static final String API_VERSION = "v1beta";

  private GeminiEgress() {}

  /** The model is in Gemini's URL; streams are asked for as SSE, which the stream decoder reads. */
  @Override
  public String path(ChatRequest request, RouteTarget target) {
    GeminiAction action = request.stream() ? GeminiAction.STREAM_GENERATE_CONTENT : GeminiAction.GENERATE_CONTENT;
    String path = GeminiModelPath.upstreamPath(target.provider().endpoint().basePath(), API_VERSION,
        target.upstreamModel(), action);
    return request.stream() ? path + "?alt=sse" : path;
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, RouteTarget target) {
    return CanonicalToGemini.request(request, target.upstreamModel());
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return GeminiResponseToCanonical.response(body);
  }

  @Override
  public Consumer<SseEvent> newStreamDecoder(Consumer<StreamEvent> out) {
    return new GeminiStreamDecoder(out)::accept;
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return GeminiErrors.parse(status, body);
  }
}
