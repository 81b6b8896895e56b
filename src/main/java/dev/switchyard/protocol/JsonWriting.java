package dev.switchyard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes JSON straight to bytes with Jackson's generator, as a body or as one SSE {@code data:} event. */
public final class JsonWriting {
  private static final JsonFactory JSON = Json.FACTORY;
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  /** What to write into a generator. */
  @FunctionalInterface
  public interface Content {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private JsonWriting() {}

  public static byte[] json(Content content) {
    return bytes(content, false);
  }

  /** One Server-Sent Event {@code data: <json>} with its blank line. */
  public static byte[] event(Content content) {
    return bytes(content, true);
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
