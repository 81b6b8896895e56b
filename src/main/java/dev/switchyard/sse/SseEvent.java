package dev.switchyard.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event exactly as received (its bytes, blank-line terminator included), so a
 * passthrough can relay it unchanged; its fields are read only when asked for.
 */
public final class SseEvent {
  private final byte[] raw;
  private byte[] data;
  private String type;

  SseEvent(byte[] raw) {
    this.raw = raw;
  }

  public static SseEvent of(String text) {
    return new SseEvent(text.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] raw() {
    return raw;
  }

  /** The {@code data:} lines joined by newlines, as the SSE spec says; empty if there were none. */
  public byte[] data() {
    if (data == null) {
      parseFields();
    }
    return data;
  }

  /** The {@code event:} field; {@code "message"} when absent, as the SSE spec says. */
  public String type() {
    if (data == null) {
      parseFields();
    }
    return type;
  }

  public boolean isDone() {
    byte[] d = data();
    return d.length == 6 && d[0] == '[' && d[1] == 'D' && d[2] == 'O' && d[3] == 'N' && d[4] == 'E' && d[5] == ']';
  }

  public String dataAsString() {
    return new String(data(), StandardCharsets.UTF_8);
  }

  private void parseFields() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    String eventType = "message";
    boolean firstData = true;
    int lineStart = 0;
    int i = 0;
    while (i <= raw.length) {
      boolean atEnd = i == raw.length;
      if (atEnd || raw[i] == '\n' || raw[i] == '\r') {
        int lineEnd = i;
        if (lineEnd > lineStart) {
          int colon = indexOf(raw, (byte) ':', lineStart, lineEnd);
          int nameEnd = colon < 0 ? lineEnd : colon;
          int valueStart = colon < 0 ? lineEnd : colon + 1;
          if (valueStart < lineEnd && raw[valueStart] == ' ') {
            valueStart++;
          }
          if (nameEnd > lineStart) { // a line starting with ':' is a comment
            String name = new String(raw, lineStart, nameEnd - lineStart, StandardCharsets.UTF_8);
            if (name.equals("data")) {
              if (!firstData) {
                out.write('\n');
              }
              out.write(raw, valueStart, lineEnd - valueStart);
              firstData = false;
            } else if (name.equals("event")) {
              eventType = new String(raw, valueStart, lineEnd - valueStart, StandardCharsets.UTF_8);
            }
          }
        }
        if (!atEnd && raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
          i++;
        }
        lineStart = i + 1;
      }
      i++;
    }
    this.type = eventType;
    this.data = out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
