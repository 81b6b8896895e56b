package dev.switchyard.testing;

import java.nio.charset.StandardCharsets;

/** Byte-level edits of JSON text for comparing what was sent with what arrived. */
public final class JsonBytes {
  private JsonBytes() {}

  /**
   * {@code json} with the string value of its one top-level-looking {@code "model"} field changed
   * from {@code from} to {@code to}, every other byte kept (whitespace around the colon included).
   */
  public static byte[] renameModel(byte[] json, String from, String to) {
    // ISO-8859-1 maps each byte to one char, so indexes are byte offsets and nothing is re-encoded.
    String text = new String(json, StandardCharsets.ISO_8859_1);
    int key = text.indexOf("\"model\"");
    if (key < 0 || text.indexOf("\"model\"", key + 1) >= 0) {
      throw new IllegalArgumentException("expected exactly one \"model\" key in " + text);
    }
    String quoted = "\"" + from + "\"";
    int value = text.indexOf(quoted, key + 7);
    if (value < 0 || !text.substring(key + 7, value).matches("\\s*:\\s*")) {
      throw new IllegalArgumentException("\"model\" is not " + quoted + " in " + text);
    }
    String renamed = text.substring(0, value) + "\"" + to + "\"" + text.substring(value + quoted.length());
    return renamed.getBytes(StandardCharsets.ISO_8859_1);
  }
}
