package dev.switchyard.translation;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.ClientRequest;
import io.vertx.core.buffer.Buffer;

/** A client's token-counting endpoint (Anthropic's count_tokens, Gemini's countTokens), seen from translation. */
public non-sealed interface TokenCountIngressCodec extends ClientCodec {
  /** The request whose input would be counted, in canonical form. */
  Translation<ChatRequest> toCanonical(ClientRequest request);

  /** The count in the client's format. */
  Buffer encodeCount(long inputTokens, ClientRequest request);
}
