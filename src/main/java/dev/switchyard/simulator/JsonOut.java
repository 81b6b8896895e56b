package dev.switchyard.simulator;

import dev.switchyard.protocol.JsonWriting;
import io.vertx.core.buffer.Buffer;

/** The simulator's answers as Vert.x buffers: a JSON body, or one {@code data: <json>} event. */
final class JsonOut {
  private JsonOut() {}

  static Buffer json(JsonWriting.Content content) {
    return Buffer.buffer(JsonWriting.json(content));
  }

  static Buffer event(JsonWriting.Content content) {
    return Buffer.buffer(JsonWriting.event(content));
  }
}
