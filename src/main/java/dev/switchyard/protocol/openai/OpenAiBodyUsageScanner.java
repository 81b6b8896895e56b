package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import dev.switchyard.metering.Usage;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the top-level {@code usage} of a JSON body fed in pieces as they are relayed, so a
 * non-streamed answer is metered without holding it in memory. Uses Jackson's non-blocking parser.
 */
public final class OpenAiBodyUsageScanner {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonParser parser;
  private int depth;
  private boolean failed;
  // Inside "usage" (depth 2) and its details objects (depth 3):
  private boolean inUsage;
  private String usageField;
  private String detailsObject;
  private long prompt;
  private long completion;
  private long cached;
  private long reasoning;
  private boolean sawUsage;

  public OpenAiBodyUsageScanner() {
    try {
      parser = JSON.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void feed(byte[] bytes) {
    if (failed) {
      return;
    }
    try {
      ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).feedInput(bytes, 0, bytes.length);
      drain();
    } catch (IOException e) {
      failed = true; // not JSON after all: report no usage rather than a wrong one
    }
  }

  /** The usage found, once the whole body has been fed. */
  public Optional<Usage> finish() {
    if (!failed) {
      try {
        ((ByteArrayFeeder) parser.getNonBlockingInputFeeder()).endOfInput();
        drain();
      } catch (IOException e) {
        failed = true;
      }
    }
    return sawUsage && !failed ? Optional.of(new Usage(prompt, cached, 0, completion, reasoning)) : Optional.empty();
  }

  private void drain() throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      switch (token) {
        case START_OBJECT, START_ARRAY -> {
          if (token == JsonToken.START_OBJECT && depth == 1 && "usage".equals(parser.currentName())) {
            inUsage = true;
            sawUsage = true;
          } else if (inUsage && depth == 2) {
            detailsObject = parser.currentName();
          }
          depth++;
        }
        case END_OBJECT, END_ARRAY -> {
          depth--;
          if (inUsage && depth == 2) {
            detailsObject = null;
          } else if (inUsage && depth == 1) {
            inUsage = false;
          }
        }
        case FIELD_NAME -> usageField = parser.currentName();
        case VALUE_NUMBER_INT -> {
          if (inUsage) {
            record(parser.getLongValue());
          }
        }
        default -> { }
      }
    }
  }

  private void record(long value) {
    if (detailsObject == null && depth == 2) {
      switch (usageField) {
        case "prompt_tokens" -> prompt = value;
        case "completion_tokens" -> completion = value;
        case "prompt_cache_hit_tokens" -> cached = Math.max(cached, value);
        default -> { }
      }
    } else if (depth == 3 && "prompt_tokens_details".equals(detailsObject) && "cached_tokens".equals(usageField)) {
      cached = Math.max(cached, value); // prompt_cache_hit_tokens may have come first
    } else if (depth == 3 && "completion_tokens_details".equals(detailsObject)
        && "reasoning_tokens".equals(usageField)) {
      reasoning = value;
    }
  }
}
