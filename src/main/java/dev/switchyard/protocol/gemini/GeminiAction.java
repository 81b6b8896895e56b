package dev.switchyard.protocol.gemini;

import java.util.Optional;

/** The methods of Gemini's model resource that Switchyard serves: the part after the colon in the URL. */
public enum GeminiAction {
  GENERATE_CONTENT("generateContent", "gemini.generate_content"),
  STREAM_GENERATE_CONTENT("streamGenerateContent", "gemini.stream_generate_content"),
  EMBED_CONTENT("embedContent", "gemini.embed_content"),
  BATCH_EMBED_CONTENTS("batchEmbedContents", "gemini.batch_embed_contents"),
  COUNT_TOKENS("countTokens", "gemini.count_tokens");

  private final String method;
  private final String meteringName;

  GeminiAction(String method, String meteringName) {
    this.method = method;
    this.meteringName = meteringName;
  }

  /** The name in the URL, such as {@code generateContent}. */
  public String method() {
    return method;
  }

  public String meteringName() {
    return meteringName;
  }

  public boolean isEmbedding() {
    return this == EMBED_CONTENT || this == BATCH_EMBED_CONTENTS;
  }

  public static Optional<GeminiAction> byMethod(String method) {
    for (GeminiAction action : values()) {
      if (action.method.equals(method)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
