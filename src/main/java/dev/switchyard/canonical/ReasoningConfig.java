package dev.switchyard.canonical;

import java.util.Optional;

/**
 * How much the model should think: an effort level (OpenAI's {@code reasoning_effort}: minimal, low,
 * medium, high) and/or a token budget (Anthropic's and Gemini's thinking budget; a negative budget,
 * Gemini's -1, lets the model decide). Each egress turns whichever it has into what its provider
 * takes.
 *
 * @param omitText the client wants no reasoning text back (Anthropic's {@code display: "omitted"}):
 *     providers that can be asked to leave it out are, while signatures still travel, since the next
 *     turn needs them
 */
public record ReasoningConfig(Optional<String> effort, Optional<Integer> budgetTokens, boolean omitText) {
  /** The budget that lets the model decide how much to think (Gemini's -1, Anthropic's adaptive thinking). */
  public static final int MODEL_DECIDES = -1;

  /** Reasoning whose text may come back to the client (unless it asked otherwise, it may). */
  public ReasoningConfig(Optional<String> effort, Optional<Integer> budgetTokens) {
    this(effort, budgetTokens, false);
  }
}
