package dev.switchyard.protocol;

import java.util.List;

/** Replaces body[start, end) with {@code bytes}: how the gateway edits a body it otherwise keeps exact. */
public record ByteSplice(int start, int end, byte[] bytes) {
  private static final byte[] NOTHING = new byte[0];

  public static ByteSplice removal(int start, int end) {
    return new ByteSplice(start, end, NOTHING);
  }

  /** Applies non-overlapping splices, in any order. */
  public static byte[] apply(byte[] body, List<ByteSplice> splices) {
    List<ByteSplice> ordered = splices.stream().sorted(java.util.Comparator.comparingInt(ByteSplice::start)).toList();
    int size = body.length;
    for (ByteSplice s : ordered) {
      size += s.bytes.length - (s.end - s.start);
    }
    byte[] out = new byte[size];
    int from = 0;
    int to = 0;
    for (ByteSplice s : ordered) {
      System.arraycopy(body, from, out, to, s.start - from);
      to += s.start - from;
      System.arraycopy(s.bytes, 0, out, to, s.bytes.length);
      to += s.bytes.length;
      from = s.end;
    }
    System.arraycopy(body, from, out, to, body.length - from);
    return out;
  }

  /** The JSON string literal for {@code text}, quotes included. */
  public static byte[] quoted(String text) {
    byte[] escaped = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsUTF8(text);
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }
}
