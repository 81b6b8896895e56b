package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.error.GatewayException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides {@code max_tokens} and the thinking budget of an Anthropic request together, because
 * Anthropic ties them: the budget must be at least 1024 and below {@code max_tokens}. An effort
 * level becomes a budget from a fixed ladder. The budget comes on top of a default
 * {@code max_tokens}, and on top of the client's when it does not fit under it, so the answer keeps
 * its room; all within the model's limit.
 */
final class AnthropicOutputBudget {
  static final int MIN_BUDGET = 1024;
  static final int LOW = 2048;
  static final int MEDIUM = 8192;
  static final int HIGH = 24_576;
  static final int XHIGH = 32_768;

  /** The outcome: {@code budget} is empty when the request does not think. */
  record Plan(int maxTokens, OptionalInt budget) {}

  private AnthropicOutputBudget() {}

  static Plan plan(String model, Optional<Integer> requested, Optional<ReasoningConfig> reasoning) {
    Optional<Integer> limit = AnthropicModelLimits.maxOutputTokens(model);
    if (requested.isPresent()) {
      int max = requested.get();
      if (max < 1) {
        throw GatewayException.invalidRequest("max_tokens",
            "The maximum output tokens must be at least 1, not " + max + ".");
      }
      if (limit.isPresent() && max > limit.get()) {
        throw GatewayException.invalidRequest("max_tokens", "The maximum output tokens, " + max
            + ", is more than the " + limit.get() + " that the model " + model + " allows.");
      }
    }
    int answer = requested.orElseGet(() -> AnthropicModelLimits.defaultOutputTokens(model));
    OptionalInt wanted = reasoning.flatMap(AnthropicOutputBudget::budget).map(OptionalInt::of)
        .orElse(OptionalInt.empty());
    if (wanted.isEmpty()) {
      return new Plan(answer, OptionalInt.empty());
    }
    int budget = Math.max(MIN_BUDGET, wanted.getAsInt());
    // A client's own max_tokens counts thinking, as OpenAI's max_completion_tokens counts reasoning;
    // a default is only a guess at the answer's length, so thinking comes on top of it.
    int total = requested.isPresent() && budget < answer ? answer : budget + answer;
    if (limit.isPresent() && total > limit.get()) {
      total = limit.get();
    }
    budget = Math.max(MIN_BUDGET, Math.min(budget, total - 1));
    return new Plan(Math.max(total, budget + 1), OptionalInt.of(budget));
  }

  /** The thinking budget a reasoning config asks for; empty when it asks for no thinking. */
  static Optional<Integer> budget(ReasoningConfig reasoning) {
    Optional<String> effort = reasoning.effort().map(e -> e.toLowerCase(Locale.ROOT));
    if (effort.isPresent() && (effort.get().equals("none") || effort.get().equals("minimal"))) {
      return Optional.empty();
    }
    if (reasoning.budgetTokens().isPresent()) {
      int budget = reasoning.budgetTokens().get();
      // 0 switches thinking off, a negative budget (Gemini's -1) lets the model decide: medium
      return budget == 0 ? Optional.empty() : Optional.of(budget < 0 ? MEDIUM : budget);
    }
    return Optional.of(switch (effort.orElse("medium")) {
      case "low" -> LOW;
      case "medium" -> MEDIUM;
      case "high" -> HIGH;
      case "xhigh", "max" -> XHIGH;
      default -> throw GatewayException.invalidRequest("reasoning_effort", "The reasoning effort '"
          + effort.get() + "' is not one of none, minimal, low, medium, high, xhigh.");
    });
  }
}
