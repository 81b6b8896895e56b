package dev.switchyard.canonical;

import java.util.Optional;

/**
 * How much the model should think: an effort level (OpenAI's {@code reasoning_effort}: minimal, low,
 * medium, high) and/or a token budget (Anthropic's and Gemini's thinking budget). Each egress turns
 * whichever it has into what its provider takes.
 */
public record ReasoningConfig(Optional<String> effort, Optional<Integer> budgetTokens) {}
