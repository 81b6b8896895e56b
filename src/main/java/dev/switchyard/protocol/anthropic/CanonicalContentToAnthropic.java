package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.InlineDataUrls;
import dev.switchyard.protocol.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    ObjectNode block = JsonTrees.object().put("type", "text");
    return block.put("text", text);
  }

  private static ObjectNode image(MediaSource source) {
    ObjectNode block = JsonTrees.object().put("type", "image");
    MediaSource resolved = InlineDataUrls.resolve(source);
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
    ObjectNode block = JsonTrees.object().put("type", "document");
    MediaSource resolved = InlineDataUrls.resolve(document.source());
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

  private static String decodeText(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GatewayException.invalidRequest("content", "The text/plain document's data is not valid base64.");
    }
  }
}
