package dev.switchyard.canonical;

import java.util.List;
import java.util.Optional;

/**
 * An embedding request in canonical form: texts to embed, one vector each.
 *
 * @param dimensions the vector length asked for (OpenAI's {@code dimensions}, Gemini's
 *     {@code outputDimensionality}), when the client asked for one
 */
public record EmbeddingRequest(String model, List<String> inputs, Optional<Integer> dimensions) {
  public EmbeddingRequest {
    inputs = List.copyOf(inputs);
  }
}
