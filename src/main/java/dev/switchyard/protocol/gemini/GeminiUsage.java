package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.JsonTrees;

/**
 * Gemini's {@code usageMetadata} and canonical {@link Usage}. Gemini counts thinking apart from
 * {@code candidatesTokenCount}; canonical output counts it in, as OpenAI does, so the two are
 * added going in and taken apart coming out. Tokens of tool-use prompts (search results and the
 * like) are input. Gemini's {@code promptTokenCount} already includes the cached tokens, as
 * canonical input does.
 */
public final class GeminiUsage {
  private GeminiUsage() {}

  public static Usage fromJson(JsonNode usageMetadata) {
    long thoughts = JsonTrees.number(usageMetadata, "thoughtsTokenCount");
    return new Usage(
        JsonTrees.number(usageMetadata, "promptTokenCount")
            + JsonTrees.number(usageMetadata, "toolUsePromptTokenCount"),
        JsonTrees.number(usageMetadata, "cachedContentTokenCount"),
        0,
        JsonTrees.number(usageMetadata, "candidatesTokenCount") + thoughts,
        thoughts);
  }

  /** Canonical usage as Gemini reports it; counts Gemini leaves out when zero are left out. */
  public static ObjectNode toJson(Usage usage) {
    ObjectNode json = JsonTrees.object();
    json.put("promptTokenCount", usage.inputTokens());
    json.put("candidatesTokenCount", Math.max(0, usage.outputTokens() - usage.reasoningTokens()));
    if (usage.cachedInputTokens() > 0) {
      json.put("cachedContentTokenCount", usage.cachedInputTokens());
    }
    if (usage.reasoningTokens() > 0) {
      json.put("thoughtsTokenCount", usage.reasoningTokens());
    }
    json.put("totalTokenCount", usage.totalTokens());
    return json;
  }
}
