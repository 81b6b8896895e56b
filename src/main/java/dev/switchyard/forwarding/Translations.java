package dev.switchyard.forwarding;

import dev.switchyard.canonical.Translation;
import dev.switchyard.media.FetchedMedia;
import java.util.function.Supplier;

/**
 * One request's translation into canonical form, and the media fetched for it, made at the first
 * attempt that needs them and reused by any failover attempt after it; a passthrough never makes
 * either.
 */
public final class Translations {
  private Translation<?> canonical;
  private FetchedMedia media;

  @SuppressWarnings("unchecked")
  <R> Translation<R> canonical(Supplier<Translation<R>> translate) {
    if (canonical == null) {
      canonical = translate.get();
    }
    return (Translation<R>) canonical;
  }

  FetchedMedia media() {
    if (media == null) {
      media = new FetchedMedia();
    }
    return media;
  }
}
