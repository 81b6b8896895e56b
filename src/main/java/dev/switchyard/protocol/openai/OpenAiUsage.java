package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchyard.canonical.Usage;
import dev.switchyard.json.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the {@code usage} object of an OpenAI response body or stream chunk into canonical
 * {@link Usage}. Also understands Groq's {@code x_groq.usage}, where that provider puts it.
 */
public final class OpenAiUsage {
  private static final JsonFactory JSON = Json.FACTORY;
  private static final byte[] USAGE_KEY = {'"', 'u', 's', 'a', 'g', 'e', '"'};

  private OpenAiUsage() {}

  /** What one chunk or body says about usage. */
  public record Found(Optional<Usage> usage, boolean choicesEmpty) {
    static final Found NOTHING = new Found(Optional.empty(), false);

    /** The usage-only chunk that a client gets only when it asked for include_usage. */
    public boolean isUsageOnlyChunk() {
      return usage.isPresent() && choicesEmpty;
    }
  }

  /** Cheap check first: most stream chunks carry no usage object at all, or {@code "usage":null}. */
  public static Found scan(byte[] json, int offset, int length) {
    if (!mayHoldUsageObject(json, offset, length)) {
      return Found.NOTHING;
    }
    try (JsonParser parser = JSON.createParser(json, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Found.NOTHING;
      }
      Usage usage = null;
      boolean choicesEmpty = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
          usage = readUsage(parser);
        } else if ("x_groq".equals(field) && value == JsonToken.START_OBJECT && usage == null) {
          usage = readNestedUsage(parser);
        } else if ("choices".equals(field) && value == JsonToken.START_ARRAY) {
          choicesEmpty = parser.nextToken() == JsonToken.END_ARRAY;
          if (!choicesEmpty) {
            parser.skipChildren();
            skipToEndOfArray(parser);
          }
        } else {
          parser.skipChildren();
        }
      }
      return new Found(Optional.ofNullable(usage), choicesEmpty);
    } catch (IOException e) {
      return Found.NOTHING;
    }
  }

  /** Reads a bare usage object (<code>{"prompt_tokens":…}</code>); empty when it is not one. */
  static Optional<Usage> parseUsageObject(byte[] json, int offset, int length) {
    try (JsonParser parser = JSON.createParser(json, offset, length)) {
      return parser.nextToken() == JsonToken.START_OBJECT ? Optional.of(readUsage(parser)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static Found scan(byte[] json) {
    return scan(json, 0, json.length);
  }

  private static Usage readNestedUsage(JsonParser parser) throws IOException {
    Usage usage = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("usage".equals(field) && value == JsonToken.START_OBJECT) {
        usage = readUsage(parser);
      } else {
        parser.skipChildren();
      }
    }
    return usage;
  }

  private static Usage readUsage(JsonParser parser) throws IOException {
    long prompt = 0;
    long completion = 0;
    long cached = 0;
    long reasoning = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "prompt_tokens" -> prompt = longValue(parser, value);
        case "completion_tokens" -> completion = longValue(parser, value);
        // max with prompt_cache_hit_tokens, which may come first (keys have no order in JSON)
        case "prompt_tokens_details" -> cached = Math.max(cached, detail(parser, value, "cached_tokens"));
        case "completion_tokens_details" -> reasoning = detail(parser, value, "reasoning_tokens");
        // DeepSeek reports cache hits beside the OpenAI fields.
        case "prompt_cache_hit_tokens" -> cached = Math.max(cached, longValue(parser, value));
        default -> parser.skipChildren();
      }
    }
    return new Usage(prompt, cached, 0, completion, reasoning);
  }

  private static long detail(JsonParser parser, JsonToken value, String wanted) throws IOException {
    long result = 0;
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return 0;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken v = parser.nextToken();
      if (wanted.equals(field)) {
        result = longValue(parser, v);
      } else {
        parser.skipChildren();
      }
    }
    return result;
  }

  private static long longValue(JsonParser parser, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
  }

  private static void skipToEndOfArray(JsonParser parser) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      parser.skipChildren();
    }
  }

  static boolean mayHoldUsageObject(byte[] json, int offset, int length) {
    int end = offset + length - USAGE_KEY.length;
    outer:
    for (int i = offset; i <= end; i++) {
      for (int j = 0; j < USAGE_KEY.length; j++) {
        if (json[i + j] != USAGE_KEY[j]) {
          continue outer;
        }
      }
      int k = i + USAGE_KEY.length;
      while (k < offset + length && (json[k] == ' ' || json[k] == ':' || json[k] == '\n'
          || json[k] == '\r' || json[k] == '\t')) {
        k++;
      }
      if (k < offset + length && json[k] == '{') {
        return true;
      }
    }
    return false;
  }
}
