package dev.switchyard.canonical;

import java.util.List;

/**
 * The result of translating between a protocol and the canonical model, with what the translation
 * could not carry over. Nothing is dropped silently: each entry of {@code dropped} names a field or
 * content (as a path in the source, such as {@code logit_bias} or {@code messages[2].name}), and
 * the caller decides whether to refuse the request, log it, or go on.
 *
 * @param dropped what had no equivalent on the other side; empty when the translation is complete
 */
public record Translation<T>(T value, List<String> dropped) {
  public Translation {
    dropped = List.copyOf(dropped);
  }

  /** A translation that lost nothing. */
  public static <T> Translation<T> complete(T value) {
    return new Translation<>(value, List.of());
  }

  public boolean isComplete() {
    return dropped.isEmpty();
  }
}
