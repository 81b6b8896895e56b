package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.TokenCountEgressCodec;
import dev.switchyard.provider.UpstreamTarget;
import java.util.function.IntSupplier;

/**
 * Gemini's {@code countTokens} as a translation target: the whole generateContent request as it
 * would be sent, under {@code generateContentRequest}, so system instruction and tools count too.
 */
public final class GeminiTokenCountEgress implements TokenCountEgressCodec {
  public static final GeminiTokenCountEgress INSTANCE = new GeminiTokenCountEgress(() -> GeminiSchemas.DEFAULT_MAX_NODES);

  private final IntSupplier maxSchemaNodes;

  /** @param maxSchemaNodes the current {@code server.limits.max_schema_nodes} */
  public GeminiTokenCountEgress(IntSupplier maxSchemaNodes) {
    this.maxSchemaNodes = maxSchemaNodes;
  }

  @Override
  public String path(ChatRequest request, UpstreamTarget target) {
    return GeminiModelPath.upstreamPath(target.provider().endpoint().basePath(), "v1beta", target.upstreamModel(),
        GeminiAction.COUNT_TOKENS);
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target) {
    Translation<byte[]> content = CanonicalToGemini.request(request, target.upstreamModel(), maxSchemaNodes.getAsInt());
    ObjectNode whole = JsonTrees.object().put("model", "models/" + target.upstreamModel());
    whole.setAll((ObjectNode) JsonTrees.readUpstream(content.value(), "Gemini"));
    ObjectNode body = JsonTrees.object();
    body.set("generateContentRequest", whole);
    return new Translation<>(JsonTrees.bytes(body), content.dropped());
  }

  @Override
  public Long decodeAnswer(byte[] body) {
    JsonNode count = JsonTrees.readUpstream(body, "Gemini").path("totalTokens");
    if (!count.canConvertToLong()) {
      throw GatewayException.badGateway("The Gemini upstream answered countTokens without 'totalTokens'.");
    }
    return count.asLong();
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return GeminiErrors.parse(status, body);
  }
}
