package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.TokenCountIngressCodec;
import io.vertx.core.buffer.Buffer;

/**
 * Gemini's countTokens as the client's side of a translation: either bare {@code contents} or a
 * whole {@code generateContentRequest} (system instruction and tools counted too), counted by the
 * model's provider.
 */
final class GeminiTokenCountIngressCodec implements TokenCountIngressCodec {

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    GeminiRequest gemini = (GeminiRequest) request;
    JsonNode root = JsonTrees.readRequest(gemini.body());
    JsonNode whole = GeminiFields.get(root, "generateContentRequest");
    byte[] counted = whole.isObject() ? JsonTrees.bytes(whole) : gemini.body();
    return GeminiToCanonical.request(counted, gemini.model(), false);
  }

  @Override
  public Buffer encodeAnswer(Long inputTokens, ClientRequest request) {
    return Buffer.buffer(JsonTrees.bytes(JsonTrees.object().put("totalTokens", inputTokens)));
  }
}
