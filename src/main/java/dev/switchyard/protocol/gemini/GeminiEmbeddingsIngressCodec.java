package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.EmbeddingVectors;
import dev.switchyard.protocol.EmbeddingsIngressCodec;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.JsonWriting;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini's {@code embedContent} and {@code batchEmbedContents} as the client's side of a
 * translation. A content's text parts are embedded as one text, as Gemini does; {@code taskType}
 * and {@code title} tune Gemini's own models only and are named as dropped.
 */
final class GeminiEmbeddingsIngressCodec implements EmbeddingsIngressCodec {

  @Override
  public Translation<EmbeddingRequest> toCanonical(ClientRequest request) {
    GeminiRequest gemini = (GeminiRequest) request;
    JsonNode body = JsonTrees.readRequest(gemini.body());
    List<JsonNode> entries = new ArrayList<>();
    String prefix;
    if (gemini.action() == GeminiAction.BATCH_EMBED_CONTENTS) {
      if (!body.path("requests").isArray() || body.path("requests").isEmpty()) {
        throw GatewayException.invalidRequest("requests", "'requests' must be a non-empty list.");
      }
      body.path("requests").forEach(entries::add);
      prefix = "requests[%d].";
    } else {
      entries.add(body);
      prefix = "";
    }
    List<String> texts = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Optional<Integer> dimensions = Optional.empty();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode entry = entries.get(i);
      String at = prefix.formatted(i);
      texts.add(text(entry.path("content"), at + "content"));
      JsonNode size = entry.has("outputDimensionality")
          ? entry.get("outputDimensionality") : entry.path("output_dimensionality");
      Optional<Integer> asked = size.isInt() ? Optional.of(size.asInt()) : Optional.empty();
      if (i > 0 && !asked.equals(dimensions)) {
        throw GatewayException.invalidRequest(at + "outputDimensionality", "Every request of a batch must ask for "
            + "the same outputDimensionality when the model is served by another provider.");
      }
      dimensions = asked;
      for (String field : List.of("taskType", "task_type", "title")) {
        if (entry.has(field)) {
          dropped.add(at + field);
        }
      }
    }
    return new Translation<>(new EmbeddingRequest(gemini.model(), texts, dimensions), dropped);
  }

  private static String text(JsonNode content, String at) {
    if (!content.path("parts").isArray() || content.path("parts").isEmpty()) {
      throw GatewayException.invalidRequest(at, "'" + at + ".parts' must be a non-empty list of text parts.");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content.path("parts")) {
      if (!part.path("text").isTextual()) {
        throw GatewayException.invalidRequest(at, "Only text parts can be embedded by this model's provider.");
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(part.path("text").asText());
    }
    return text.toString();
  }

  @Override
  public Buffer encodeAnswer(EmbeddingResponse response, ClientRequest request) {
    boolean batch = ((GeminiRequest) request).action() == GeminiAction.BATCH_EMBED_CONTENTS;
    return Buffer.buffer(JsonWriting.json(json -> {
      json.writeStartObject();
      if (batch) {
        json.writeArrayFieldStart("embeddings");
        for (float[] vector : response.vectors()) {
          json.writeStartObject();
          json.writeFieldName("values");
          EmbeddingVectors.writeNumbers(json, vector);
          json.writeEndObject();
        }
        json.writeEndArray();
      } else {
        json.writeObjectFieldStart("embedding");
        json.writeFieldName("values");
        EmbeddingVectors.writeNumbers(json, response.vectors().get(0));
        json.writeEndObject();
      }
      json.writeEndObject();
    }));
  }
}
