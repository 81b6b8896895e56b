package dev.switchyard.hostile;

import java.util.List;
import java.util.Map;

/**
 * One request the fuzzer sends: where, to which routed model, the body's bytes and the mutations
 * that made them (so a failure can be read and replayed from its index).
 */
record FuzzCase(int index, FuzzEndpoint endpoint, FuzzModel model, String path, Map<String, String> headers,
    boolean chunked, byte[] body, List<String> mutations) {

  /** The body for a report: printable ASCII kept, everything else escaped, cut at {@code limit}. */
  String bodyPreview(int limit) {
    return preview(body, limit);
  }

  static String preview(byte[] bytes, int limit) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, limit); i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    if (bytes.length > limit) {
      text.append("... (").append(bytes.length).append(" bytes)");
    }
    return text.toString();
  }

  String describe() {
    return "case " + index + ": POST " + path + " (" + endpoint + ", model " + model.routeName() + ", " + body.length
        + " bytes" + (chunked ? " in chunks" : "") + (headers.isEmpty() ? "" : ", headers " + headers)
        + ") mutations " + mutations;
  }

  @Override
  public String toString() {
    return describe() + "\n    body: " + bodyPreview(600);
  }
}
