package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.EmbeddingVectors;
import dev.switchyard.protocol.EmbeddingsEgressCodec;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.JsonWriting;
import dev.switchyard.provider.UpstreamTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini's {@code batchEmbedContents} as a translation target: OpenAI's {@code /v1/embeddings} on
 * Gemini embedding models, every input one request of the batch. Gemini reports no token usage.
 */
public final class GeminiEmbeddingsEgress implements EmbeddingsEgressCodec {
  public static final GeminiEmbeddingsEgress INSTANCE = new GeminiEmbeddingsEgress();

  private GeminiEmbeddingsEgress() {}

  @Override
  public String path(EmbeddingRequest request, UpstreamTarget target) {
    return GeminiModelPath.upstreamPath(target.provider().endpoint().basePath(), "v1beta", target.upstreamModel(),
        GeminiAction.BATCH_EMBED_CONTENTS);
  }

  @Override
  public Translation<byte[]> encodeRequest(EmbeddingRequest request, UpstreamTarget target) {
    String model = "models/" + target.upstreamModel();
    return Translation.complete(JsonWriting.json(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("requests");
      for (String input : request.inputs()) {
        json.writeStartObject();
        json.writeStringField("model", model);
        json.writeObjectFieldStart("content");
        json.writeArrayFieldStart("parts");
        json.writeStartObject();
        json.writeStringField("text", input);
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        if (request.dimensions().isPresent()) {
          json.writeNumberField("outputDimensionality", request.dimensions().get());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }));
  }

  @Override
  public EmbeddingResponse decodeAnswer(byte[] body) {
    JsonNode embeddings = JsonTrees.readUpstream(body, "Gemini").path("embeddings");
    if (!embeddings.isArray()) {
      throw GatewayException.badGateway("The Gemini upstream answered without 'embeddings'.");
    }
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (JsonNode embedding : embeddings) {
      vectors.add(EmbeddingVectors.read(embedding.path("values")));
    }
    return new EmbeddingResponse(vectors, Optional.empty());
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return GeminiErrors.parse(status, body);
  }
}
