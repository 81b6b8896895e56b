package dev.switchyard.canonical;

import java.util.Optional;

/** One piece of a message's content. */
public sealed interface ContentPart {

  /** Plain text. */
  record Text(String text) implements ContentPart {}

  /** An image, by URL or inline; {@code detail} is OpenAI's low/high/auto hint. */
  record Image(MediaSource source, Optional<String> detail) implements ContentPart {}

  /** A document (PDF, plain text...), by URL, inline or a provider file id. */
  record Document(MediaSource source, Optional<String> filename) implements ContentPart {}

  static Text text(String text) {
    return new Text(text);
  }
}
