package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.canonical.Usage;
import java.io.IOException;

/** OpenAI pieces every writer of OpenAI JSON shares: the usage object and completion ids. */
final class JsonOut {
  private JsonOut() {}

  /** OpenAI's {@code usage} object; {@code prompt_tokens} counts all input, cached included. */
  static void writeUsage(JsonGenerator json, Usage usage) throws IOException {
    json.writeObjectFieldStart("usage");
    json.writeNumberField("prompt_tokens", usage.inputTokens());
    json.writeNumberField("completion_tokens", usage.outputTokens());
    json.writeNumberField("total_tokens", usage.totalTokens());
    json.writeObjectFieldStart("prompt_tokens_details");
    json.writeNumberField("cached_tokens", usage.cachedInputTokens());
    if (usage.cacheCreationInputTokens() > 0) {
      json.writeNumberField("cache_write_tokens", usage.cacheCreationInputTokens());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("completion_tokens_details");
    json.writeNumberField("reasoning_tokens", usage.reasoningTokens());
    json.writeEndObject();
    json.writeEndObject();
  }

  /** OpenAI's completion id for a canonical one: {@code chatcmpl-} first, once. */
  static String completionId(String id) {
    return id.startsWith("chatcmpl-") ? id : "chatcmpl-" + id;
  }
}
