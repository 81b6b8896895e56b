package dev.switchyard.provider.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the simulator's JSON bodies and server-sent events straight into buffers. */
final class JsonOut {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  /** What to write into a generator. */
  @FunctionalInterface
  interface Content {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private JsonOut() {}

  static Buffer json(Content content) {
    return Buffer.buffer(bytes(content, false));
  }

  /** One {@code data: <json>} event. */
  static Buffer event(Content content) {
    return Buffer.buffer(bytes(content, true));
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
