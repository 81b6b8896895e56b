package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
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
 * OpenAI's {@code /v1/embeddings} as the client's side of a translation. Texts only: token-id
 * inputs are the tokenizer of one model family and mean nothing to another provider.
 */
final class OpenAiEmbeddingsIngressCodec implements EmbeddingsIngressCodec {

  @Override
  public Translation<EmbeddingRequest> toCanonical(ClientRequest request) {
    JsonNode body = JsonTrees.readRequest(((OpenAiRequest) request).body());
    JsonNode input = body.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isTextual()) {
      texts.add(input.asText());
    } else {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          throw GatewayException.invalidRequest("input", "This model's provider takes text inputs only: token-id "
              + "inputs cannot be translated for it.");
        }
        texts.add(item.asText());
      }
    }
    if (texts.isEmpty()) {
      throw GatewayException.invalidRequest("input", "'input' must not be empty.");
    }
    Optional<Integer> dimensions = body.path("dimensions").isInt()
        ? Optional.of(body.path("dimensions").asInt()) : Optional.empty();
    List<String> dropped = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!List.of("model", "input", "dimensions", "encoding_format").contains(field)) {
        dropped.add(field);
      }
    });
    return new Translation<>(new EmbeddingRequest(request.model(), texts, dimensions), dropped);
  }

  @Override
  public Buffer encodeAnswer(EmbeddingResponse response, ClientRequest request) {
    boolean base64 = "base64".equals(JsonTrees.readRequest(((OpenAiRequest) request).body())
        .path("encoding_format").asText());
    Usage usage = response.usage().orElse(Usage.ZERO);
    return Buffer.buffer(JsonWriting.json(json -> {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      for (int i = 0; i < response.vectors().size(); i++) {
        json.writeStartObject();
        json.writeStringField("object", "embedding");
        json.writeNumberField("index", i);
        json.writeFieldName("embedding");
        if (base64) {
          json.writeString(EmbeddingVectors.base64(response.vectors().get(i)));
        } else {
          EmbeddingVectors.writeNumbers(json, response.vectors().get(i));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("model", request.model());
      json.writeObjectFieldStart("usage"); // zero where the provider reports none (Gemini), as its SDKs require one
      json.writeNumberField("prompt_tokens", usage.inputTokens());
      json.writeNumberField("total_tokens", usage.inputTokens());
      json.writeEndObject();
      json.writeEndObject();
    }));
  }
}
