package dev.switchyard.protocol.openai;

import dev.switchyard.protocol.JsonKind;
import dev.switchyard.protocol.RequestSchema;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI endpoints Switchyard serves, each with the top-level fields whose JSON type it checks
 * before anything goes upstream. Fields not listed pass through unchecked (and untouched).
 */
public enum OpenAiEndpoint {
  CHAT_COMPLETIONS("/chat/completions", "chat.completions", Set.of("model", "messages"), Map.ofEntries(
      Map.entry("model", JsonKind.STRING),
      Map.entry("messages", JsonKind.ARRAY_OF_OBJECTS),
      Map.entry("stream", JsonKind.BOOLEAN),
      Map.entry("stream_options", JsonKind.OBJECT),
      Map.entry("temperature", JsonKind.NUMBER),
      Map.entry("top_p", JsonKind.NUMBER),
      Map.entry("frequency_penalty", JsonKind.NUMBER),
      Map.entry("presence_penalty", JsonKind.NUMBER),
      Map.entry("n", JsonKind.INTEGER),
      Map.entry("max_tokens", JsonKind.INTEGER),
      Map.entry("max_completion_tokens", JsonKind.INTEGER),
      Map.entry("seed", JsonKind.INTEGER),
      Map.entry("top_logprobs", JsonKind.INTEGER),
      Map.entry("logprobs", JsonKind.BOOLEAN),
      Map.entry("parallel_tool_calls", JsonKind.BOOLEAN),
      Map.entry("store", JsonKind.BOOLEAN),
      Map.entry("tools", JsonKind.ARRAY_OF_OBJECTS),
      Map.entry("functions", JsonKind.ARRAY_OF_OBJECTS),
      Map.entry("tool_choice", JsonKind.STRING_OR_OBJECT),
      Map.entry("response_format", JsonKind.OBJECT),
      Map.entry("stop", JsonKind.STRING_OR_ARRAY),
      Map.entry("user", JsonKind.STRING),
      Map.entry("metadata", JsonKind.OBJECT),
      Map.entry("logit_bias", JsonKind.OBJECT),
      Map.entry("reasoning_effort", JsonKind.STRING))),

  EMBEDDINGS("/embeddings", "embeddings", Set.of("model", "input"), Map.of(
      "model", JsonKind.STRING,
      "input", JsonKind.STRING_OR_ARRAY,
      "encoding_format", JsonKind.STRING,
      "dimensions", JsonKind.INTEGER,
      "user", JsonKind.STRING));

  private final String path;
  private final String meteringName;
  private final RequestSchema schema;

  OpenAiEndpoint(String path, String meteringName, Set<String> required, Map<String, JsonKind> fieldKinds) {
    this.path = path;
    this.meteringName = meteringName;
    this.schema = new RequestSchema(required, fieldKinds);
  }

  /** The path below the provider's base URL, such as {@code /chat/completions}. */
  public String path() {
    return path;
  }

  public String meteringName() {
    return meteringName;
  }

  RequestSchema schema() {
    return schema;
  }
}
