package dev.switchyard.forwarding;

import dev.switchyard.canonical.Translation;
import java.util.function.Supplier;

/**
 * One request's translation into canonical form, made at the first attempt that needs it and
 * reused by any failover attempt after it; a passthrough never makes one.
 */
public final class Translations {
  private Translation<?> canonical;

  @SuppressWarnings("unchecked")
  <R> Translation<R> canonical(Supplier<Translation<R>> translate) {
    if (canonical == null) {
      canonical = translate.get();
    }
    return (Translation<R>) canonical;
  }
}
