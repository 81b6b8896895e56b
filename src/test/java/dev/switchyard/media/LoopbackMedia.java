package dev.switchyard.media;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.config.MediaConfig;

/**
 * For tests of other packages that serve media on loopback: a resolver whose fetcher allows any
 * address, which production never does.
 */
public final class LoopbackMedia {
  private LoopbackMedia() {}

  public static MediaResolver resolver(MediaConfig media, LimitsConfig limits) {
    return new MediaResolver(new MediaFetcher(address -> true), () -> media, () -> limits);
  }
}
