package dev.switchyard.canonical;

import java.util.List;
import java.util.Optional;

/**
 * Embeddings in canonical form: one vector per input, in input order. Vectors are float32, as
 * every provider computes and OpenAI's base64 form transmits them.
 *
 * @param usage as the provider reported it; empty when it reports none (Gemini)
 */
public record EmbeddingResponse(List<float[]> vectors, Optional<Usage> usage) {
  public EmbeddingResponse {
    vectors = List.copyOf(vectors);
  }
}
