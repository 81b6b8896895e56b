package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.EmbeddingVectors;
import dev.switchyard.protocol.EmbeddingsEgressCodec;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.JsonWriting;
import dev.switchyard.provider.UpstreamTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** OpenAI's {@code /embeddings} as a translation target: Gemini clients on OpenAI-speaking embedding models. */
public final class OpenAiEmbeddingsEgress implements EmbeddingsEgressCodec {
  public static final OpenAiEmbeddingsEgress INSTANCE = new OpenAiEmbeddingsEgress();

  private OpenAiEmbeddingsEgress() {}

  @Override
  public String path(EmbeddingRequest request, UpstreamTarget target) {
    return OpenAiEndpoint.EMBEDDINGS.path();
  }

  @Override
  public Translation<byte[]> encodeRequest(EmbeddingRequest request, UpstreamTarget target) {
    return Translation.complete(JsonWriting.json(json -> {
      json.writeStartObject();
      json.writeStringField("model", target.upstreamModel());
      json.writeArrayFieldStart("input");
      for (String input : request.inputs()) {
        json.writeString(input);
      }
      json.writeEndArray();
      if (request.dimensions().isPresent()) {
        json.writeNumberField("dimensions", request.dimensions().get());
      }
      json.writeStringField("encoding_format", "float");
      json.writeEndObject();
    }));
  }

  @Override
  public EmbeddingResponse decodeAnswer(byte[] body) {
    JsonNode root = JsonTrees.readUpstream(body, "OpenAI");
    JsonNode data = root.path("data");
    List<float[]> vectors = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      vectors.add(null);
    }
    for (JsonNode item : data) {
      int index = item.path("index").asInt(vectors.indexOf(null));
      vectors.set(index, EmbeddingVectors.read(item.path("embedding")));
    }
    JsonNode usage = root.path("usage");
    Optional<Usage> reported = usage.isObject()
        ? Optional.of(new Usage(usage.path("prompt_tokens").asLong(), 0, 0, 0, 0)) : Optional.empty();
    return new EmbeddingResponse(vectors, reported);
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return OpenAiChatEgress.INSTANCE.decodeError(status, body);
  }
}
