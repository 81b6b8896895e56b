package dev.switchyard.protocol;

import dev.switchyard.canonical.MediaSource;
import dev.switchyard.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code data:} URLs as inline media, for providers that take inline bytes with a media type rather
 * than a URL (Anthropic's base64 sources, Gemini's {@code inlineData}). Base64 and percent-encoded
 * data URLs (RFC 2397) are both read; parameters such as {@code charset} are not kept.
 */
public final class InlineDataUrls {
  private InlineDataUrls() {}

  /** A {@code data:} URL source as a base64 source; any other source as it is. */
  public static MediaSource resolve(MediaSource source) {
    if (!(source instanceof MediaSource.Url url) || !url.url().startsWith("data:")) {
      return source;
    }
    String value = url.url();
    int comma = value.indexOf(',');
    if (comma < 0) {
      throw GatewayException.invalidRequest("content", "The data URL has no ',' before its data.");
    }
    String header = value.substring("data:".length(), comma);
    String data = value.substring(comma + 1);
    boolean base64 = header.endsWith(";base64");
    String mediaType = (base64 ? header.substring(0, header.length() - ";base64".length()) : header);
    int parameters = mediaType.indexOf(';');
    mediaType = (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim();
    if (mediaType.isEmpty()) {
      mediaType = "text/plain"; // the data URL default (RFC 2397)
    }
    if (!base64) {
      data = Base64.getEncoder().encodeToString(percentDecode(data));
    }
    return new MediaSource.Base64(mediaType.toLowerCase(Locale.ROOT), data);
  }

  /** A data URL's percent-encoding; unlike form encoding, '+' stays a plus. */
  private static byte[] percentDecode(String data) {
    byte[] in = data.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length
          && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
        out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }
}
