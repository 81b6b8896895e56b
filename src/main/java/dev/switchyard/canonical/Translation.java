package dev.switchyard.canonical;

import java.util.List;

/**
 * The result of translating between a protocol and the canonical model, with what the translation
 * could not carry over. Nothing is dropped silently: each entry of {@code dropped} names a field or
 * content (as a path in the source, such as {@code logit_bias} or {@code messages[2].name}), and
 * the caller decides whether to refuse the request, log it, or go on.
 *
 * @param dropped what had no equivalent on the other side; empty when the translation is complete.
 *     Names hold the client's own keys and end up in a response header, where a control character
 *     is refused outright and anything past Latin-1 is mangled: every character but printable ASCII
 *     is written as a Java-style unicode escape.
 */
public record Translation<T>(T value, List<String> dropped) {
  public Translation {
    dropped = dropped.stream().map(Translation::printable).toList();
  }

  /** A translation that lost nothing. */
  public static <T> Translation<T> complete(T value) {
    return new Translation<>(value, List.of());
  }

  public boolean isComplete() {
    return dropped.isEmpty();
  }

  /** {@code name} as printable ASCII. */
  static String printable(String name) {
    if (name.chars().allMatch(Translation::isPrintableAscii)) {
      return name;
    }
    StringBuilder escaped = new StringBuilder(name.length() + 16);
    name.chars().forEach(c -> {
      if (isPrintableAscii(c)) {
        escaped.append((char) c);
      } else {
        escaped.append(String.format("\\u%04x", c));
      }
    });
    return escaped.toString();
  }

  private static boolean isPrintableAscii(int c) {
    return c >= 0x20 && c < 0x7f;
  }
}
