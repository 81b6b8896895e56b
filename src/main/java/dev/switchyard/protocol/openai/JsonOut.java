package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.metering.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes translated OpenAI JSON straight to bytes, as a body or as one {@code data:} event. */
final class JsonOut {
  static final JsonFactory JSON = new JsonFactory();
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  /** What to write into a generator. */
  @FunctionalInterface
  interface Content {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private JsonOut() {}

  static byte[] json(Content content) {
    return bytes(content, false);
  }

  /** One Server-Sent Event {@code data: <json>} with its blank line. */
  static byte[] event(Content content) {
    return bytes(content, true);
  }

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

  private static byte[] bytes(Content content, boolean asEvent) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      if (asEvent) {
        out.write(DATA);
      }
      try (JsonGenerator json = JSON.createGenerator(out)) {
        content.writeTo(json);
      }
      if (asEvent) {
        out.write(EVENT_END);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
