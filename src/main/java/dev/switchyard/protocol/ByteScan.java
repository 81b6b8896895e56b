package dev.switchyard.protocol;

/**
 * Byte-level looks into JSON text that passes through without being parsed: whether a key occurs,
 * and with what kind of value. A key is matched with its quotes and the colon after it, so the
 * same word inside a string (where its quotes are escaped) does not count.
 */
public final class ByteScan {
  private ByteScan() {}

  /** Whether {@code needle} occurs in {@code bytes}. */
  public static boolean contains(byte[] bytes, byte[] needle) {
    return indexOf(bytes, needle, 0) >= 0;
  }

  /**
   * Whether {@code quotedKey} (such as {@code "finish_reason"} with its quotes) occurs as a key
   * whose value starts with {@code valueStart} ({@code '"'} for a string, <code>'{'</code> for an
   * object): a null value does not count.
   */
  public static boolean keyWithValue(byte[] bytes, byte[] quotedKey, char valueStart) {
    int from = 0;
    int at;
    while ((at = indexOf(bytes, quotedKey, from)) >= 0) {
      int i = skipWhitespace(bytes, at + quotedKey.length);
      if (i < bytes.length && bytes[i] == ':') {
        i = skipWhitespace(bytes, i + 1);
        if (i < bytes.length && bytes[i] == valueStart) {
          return true;
        }
      }
      from = at + 1;
    }
    return false;
  }

  /**
   * Whether the JSON object in {@code bytes} opens with {@code quotedKey} as its first key (after
   * the brace and any whitespace): an error event is <code>{"error": {...}}</code>, a look at its
   * first bytes only.
   */
  public static boolean startsWithKey(byte[] bytes, byte[] quotedKey) {
    int i = skipWhitespace(bytes, 0);
    if (i >= bytes.length || bytes[i] != '{') {
      return false;
    }
    i = skipWhitespace(bytes, i + 1);
    if (i + quotedKey.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < quotedKey.length; j++) {
      if (bytes[i + j] != quotedKey[j]) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(byte[] bytes, int i) {
    while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] bytes, byte[] needle, int from) {
    outer:
    for (int i = from; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
