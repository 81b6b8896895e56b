package dev.switchyard.hostile;

import dev.switchyard.provider.WireProtocol;
import java.util.Set;

/**
 * The client endpoints the ingress fuzzer posts to: where a request goes for a model, which
 * protocol its errors must come back in, and which provider protocols cannot serve it at all (the
 * gateway refuses those with a 400 of its own, so no request of that pairing ever succeeds).
 */
enum FuzzEndpoint {
  OPENAI_CHAT(WireProtocol.OPENAI, "/v1/chat/completions", Set.of()),
  OPENAI_EMBEDDINGS(WireProtocol.OPENAI, "/v1/embeddings", Set.of(WireProtocol.ANTHROPIC)),
  ANTHROPIC_MESSAGES(WireProtocol.ANTHROPIC, "/anthropic/v1/messages", Set.of()),
  ANTHROPIC_COUNT_TOKENS(WireProtocol.ANTHROPIC, "/anthropic/v1/messages/count_tokens", Set.of(WireProtocol.OPENAI)),
  GEMINI_GENERATE(WireProtocol.GEMINI, ":generateContent", Set.of()),
  GEMINI_STREAM_SSE(WireProtocol.GEMINI, ":streamGenerateContent?alt=sse", Set.of()),
  GEMINI_STREAM_ARRAY(WireProtocol.GEMINI, ":streamGenerateContent", Set.of()),
  GEMINI_COUNT_TOKENS(WireProtocol.GEMINI, ":countTokens", Set.of(WireProtocol.OPENAI)),
  GEMINI_EMBED(WireProtocol.GEMINI, ":embedContent", Set.of(WireProtocol.ANTHROPIC)),
  GEMINI_BATCH_EMBED(WireProtocol.GEMINI, ":batchEmbedContents", Set.of(WireProtocol.ANTHROPIC));

  private final WireProtocol protocol;
  private final String pathOrMethod;
  private final Set<WireProtocol> unservable;

  FuzzEndpoint(WireProtocol protocol, String pathOrMethod, Set<WireProtocol> unservable) {
    this.protocol = protocol;
    this.pathOrMethod = pathOrMethod;
    this.unservable = unservable;
  }

  /** The protocol the client speaks, and so the shape every error must have. */
  WireProtocol protocol() {
    return protocol;
  }

  /** Whether the model is named in the body (OpenAI, Anthropic) rather than in the URL (Gemini). */
  boolean modelInBody() {
    return protocol != WireProtocol.GEMINI;
  }

  /** Whether the body's {@code stream} flag asks for a stream. */
  boolean streamsByFlag() {
    return this == OPENAI_CHAT || this == ANTHROPIC_MESSAGES;
  }

  /** Whether a provider speaking {@code provider} can serve this endpoint at all. */
  boolean servableBy(WireProtocol provider) {
    return !unservable.contains(provider);
  }

  /** The request path for a model; Gemini's names it, the others' bodies do. */
  String path(String model) {
    return modelInBody() ? pathOrMethod : geminiPath(model, pathOrMethod);
  }

  /** For Gemini: what follows the model in the path, such as {@code :streamGenerateContent?alt=sse}. */
  String geminiMethod() {
    return pathOrMethod;
  }

  /** A Gemini path from its model segment and method, each exactly as it goes in the URL. */
  static String geminiPath(String modelSegment, String method) {
    return "/gemini/v1beta/models/" + modelSegment + method;
  }
}
