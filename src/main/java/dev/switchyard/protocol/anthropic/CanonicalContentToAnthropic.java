package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.pipeline.GatewayException;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical content parts as Anthropic content blocks: text, images (URL, inline base64 — data URLs
 * included — or an uploaded file) and documents (PDF by URL, inline or file; plain text inline).
 * OpenAI's image {@code detail} hint has no Anthropic equivalent and is dropped: it only trades
 * cost for resolution. A document's file name becomes its {@code title}.
 */
final class CanonicalContentToAnthropic {
  static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private CanonicalContentToAnthropic() {}

  static ObjectNode block(ContentPart part) {
    return switch (part) {
      case ContentPart.Text t -> text(t.text());
      case ContentPart.Image i -> image(i.source());
      case ContentPart.Document d -> document(d);
    };
  }

  static ObjectNode text(String text) {
    ObjectNode block = AnthropicJson.object().put("type", "text");
    return block.put("text", text);
  }

  private static ObjectNode image(MediaSource source) {
    ObjectNode block = AnthropicJson.object().put("type", "image");
    MediaSource resolved = resolveDataUrl(source);
    ObjectNode wire = block.putObject("source");
    switch (resolved) {
      case MediaSource.Url u -> wire.put("type", "url").put("url", u.url());
      case MediaSource.FileId f -> wire.put("type", "file").put("file_id", f.id());
      case MediaSource.Base64 b -> {
        if (!IMAGE_TYPES.contains(b.mediaType())) {
          throw GatewayException.invalidRequest("content", "The image media type '" + b.mediaType()
              + "' is not one Anthropic accepts (image/jpeg, image/png, image/gif, image/webp).");
        }
        wire.put("type", "base64").put("media_type", b.mediaType()).put("data", b.data());
      }
    }
    return block;
  }

  private static ObjectNode document(ContentPart.Document document) {
    ObjectNode block = AnthropicJson.object().put("type", "document");
    MediaSource resolved = resolveDataUrl(document.source());
    ObjectNode wire = block.putObject("source");
    switch (resolved) {
      case MediaSource.Url u -> wire.put("type", "url").put("url", u.url());
      case MediaSource.FileId f -> wire.put("type", "file").put("file_id", f.id());
      case MediaSource.Base64 b -> {
        if (b.mediaType().equals("application/pdf")) {
          wire.put("type", "base64").put("media_type", b.mediaType()).put("data", b.data());
        } else if (b.mediaType().equals("text/plain")) {
          wire.put("type", "text").put("media_type", "text/plain").put("data", decodeText(b.data()));
        } else {
          throw GatewayException.invalidRequest("content", "The document media type '" + b.mediaType()
              + "' is not one Anthropic accepts (application/pdf, text/plain).");
        }
      }
    }
    document.filename().ifPresent(name -> block.put("title", name));
    return block;
  }

  /** A {@code data:} URL is inline bytes, which Anthropic takes as a base64 source, not a URL. */
  static MediaSource resolveDataUrl(MediaSource source) {
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

  private static String decodeText(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalidRequest("content", "The text/plain document's data is not valid base64.");
    }
  }
}
