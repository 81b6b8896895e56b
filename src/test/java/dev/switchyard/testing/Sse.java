package dev.switchyard.testing;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading Server-Sent Events in tests: whole events as sent, and their {@code data} payloads. */
public final class Sse {
  private Sse() {}

  /** The events of a stream, each with its bytes exactly as sent (terminating blank line included). */
  public static List<String> events(byte[] stream) {
    List<String> events = new ArrayList<>();
    for (Buffer event : FakeUpstream.events(stream)) {
      events.add(event.toString(StandardCharsets.UTF_8));
    }
    return events;
  }

  /** The {@code data:} payload of each event, multi-line data joined with newlines. */
  public static List<String> data(byte[] stream) {
    List<String> payloads = new ArrayList<>();
    for (String event : events(stream)) {
      StringBuilder data = null;
      for (String line : event.split("\r?\n")) {
        if (line.startsWith("data:")) {
          String value = line.substring(5);
          value = value.startsWith(" ") ? value.substring(1) : value;
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
      if (data != null) {
        payloads.add(data.toString());
      }
    }
    return payloads;
  }
}
