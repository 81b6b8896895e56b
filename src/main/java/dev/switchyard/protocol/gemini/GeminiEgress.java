package dev.switchyard.protocol.gemini;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.provider.UpstreamTarget;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** Gemini's generateContent as a translation target: OpenAI and Anthropic clients on Gemini models. */
public final class GeminiEgress implements ChatEgressCodec {
  public static final GeminiEgress INSTANCE = new GeminiEgress(() -> GeminiSchemas.DEFAULT_MAX_NODES);
  private static final String API_VERSION = "v1beta";

  private final IntSupplier maxSchemaNodes;

  /** @param maxSchemaNodes the current {@code server.limits.max_schema_nodes} */
  public GeminiEgress(IntSupplier maxSchemaNodes) {
    this.maxSchemaNodes = maxSchemaNodes;
  }

  /** The model is in Gemini's URL; streams are asked for as SSE, which the stream decoder reads. */
  @Override
  public String path(ChatRequest request, UpstreamTarget target) {
    GeminiAction action = request.stream() ? GeminiAction.STREAM_GENERATE_CONTENT : GeminiAction.GENERATE_CONTENT;
    String path = GeminiModelPath.upstreamPath(target.provider().endpoint().basePath(), API_VERSION,
        target.upstreamModel(), action);
    return request.stream() ? path + "?alt=sse" : path;
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target) {
    return CanonicalToGemini.request(request, target.upstreamModel(), maxSchemaNodes.getAsInt());
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return GeminiResponseToCanonical.response(body);
  }

  @Override
  public StreamDecoder newStreamDecoder(Consumer<StreamEvent> out) {
    return new GeminiStreamDecoder(out);
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return GeminiErrors.parse(status, body);
  }
}
