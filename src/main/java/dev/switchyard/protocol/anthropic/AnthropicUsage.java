package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.JsonTrees;

/**
 * Anthropic's {@code usage} object and canonical {@link Usage}. Anthropic's {@code input_tokens}
 * leaves out cache reads and cache writes; canonical input counts all input, as OpenAI does, so
 * the three are added going in and taken apart coming out.
 */
final class AnthropicUsage {
  private static final JsonNode NONE = JsonTrees.object();

  private AnthropicUsage() {}

  static Usage fromJson(JsonNode usage) {
    return merged(NONE, usage);
  }

  /**
   * A stream's usage: {@code message_delta}'s counts are cumulative and win, but it may leave out
   * the input counts that {@code message_start} had, which then carry over.
   */
  static Usage merged(JsonNode atStart, JsonNode atDelta) {
    long input = latest(atStart, atDelta, "input_tokens");
    long cacheRead = latest(atStart, atDelta, "cache_read_input_tokens");
    long cacheCreation = latest(atStart, atDelta, "cache_creation_input_tokens");
    long output = latest(atStart, atDelta, "output_tokens");
    long thinking = Math.max(
        JsonTrees.number(atStart.path("output_tokens_details"), "thinking_tokens"),
        JsonTrees.number(atDelta.path("output_tokens_details"), "thinking_tokens"));
    return new Usage(input + cacheRead + cacheCreation, cacheRead, cacheCreation, output, thinking);
  }

  /** Canonical usage as Anthropic reports it (uncached input apart from cache reads and writes). */
  static ObjectNode toJson(Usage usage) {
    ObjectNode json = JsonTrees.object();
    long uncached = usage.inputTokens() - usage.cachedInputTokens() - usage.cacheCreationInputTokens();
    json.put("input_tokens", Math.max(0, uncached));
    json.put("cache_creation_input_tokens", usage.cacheCreationInputTokens());
    json.put("cache_read_input_tokens", usage.cachedInputTokens());
    json.put("output_tokens", usage.outputTokens());
    if (usage.reasoningTokens() > 0) {
      json.putObject("output_tokens_details").put("thinking_tokens", usage.reasoningTokens());
    }
    return json;
  }

  private static long latest(JsonNode atStart, JsonNode atDelta, String field) {
    JsonNode value = atDelta.get(field);
    return value != null && value.isNumber() ? value.asLong() : JsonTrees.number(atStart, field);
  }
}
