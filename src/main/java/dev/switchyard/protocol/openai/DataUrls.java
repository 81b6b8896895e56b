package dev.switchyard.protocol.openai;

import dev.switchyard.canonical.MediaSource;
import java.util.Optional;

/**
 * {@code data:} URLs, the way OpenAI carries inline images and files, to and from canonical inline
 * media. Only base64 data URLs are inline media; parameters other than {@code base64} (such as
 * {@code charset}) are not kept, since the other protocols have nowhere to put them.
 */
final class DataUrls {
  private static final String PREFIX = "data:";
  private static final String BASE64_MARK = ";base64,";

  private DataUrls() {}

  /** The inline media of a base64 data URL; empty for any other URL. */
  static Optional<MediaSource.Base64> parse(String url) {
    if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    int mark = url.indexOf(BASE64_MARK);
    if (mark < 0) {
      return Optional.empty();
    }
    String mediaType = url.substring(PREFIX.length(), mark);
    int parameters = mediaType.indexOf(';');
    if (parameters >= 0) {
      mediaType = mediaType.substring(0, parameters);
    }
    return Optional.of(new MediaSource.Base64(mediaType, url.substring(mark + BASE64_MARK.length())));
  }

  static String format(MediaSource.Base64 media) {
    return PREFIX + media.mediaType() + BASE64_MARK + media.data();
  }
}
