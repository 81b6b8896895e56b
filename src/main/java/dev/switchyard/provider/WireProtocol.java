package dev.switchyard.provider;

/** The request format an upstream speaks; equal on both sides means passthrough. */
public enum WireProtocol {
  /** OpenAI's REST API: chat completions, embeddings. */
  OPENAI,
  /** Anthropic's Messages API. */
  ANTHROPIC,
  /** Google's Gemini API: generateContent, streamGenerateContent, embeddings. */
  GEMINI
}
