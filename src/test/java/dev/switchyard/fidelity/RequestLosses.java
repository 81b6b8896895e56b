package dev.switchyard.fidelity;

import dev.switchyard.canonical.ChatRequest;
import java.util.Optional;

/**
 * The request settings that a translation direction changes by design, each with the reason and
 * the class where the mapping lives; a difference not listed here fails the matrix.
 */
final class RequestLosses {
  private RequestLosses() {}

  static Optional<String> reason(String direction, String key, ChatRequest sent) {
    if (direction.equals(FidelityMatrixTest.OPENAI_TO_ANTHROPIC)) {
      return Optional.ofNullable(switch (key) {
        case "seed" -> "Anthropic has no seed; CanonicalToAnthropic leaves it out";
        case "response_format.name/description/strict" ->
            "output_config.format carries only the schema (CanonicalToAnthropic); Anthropic always holds to it";
        case "response_format" -> "json_object becomes a system instruction (CanonicalToAnthropic)";
        case "reasoning" -> "reasoning_effort becomes a thinking budget from AnthropicOutputBudget's ladder "
            + "(low 2048, medium 8192, high 24576, xhigh 32768) and reads back as that budget";
        case "max_tokens" -> sent.reasoning().isPresent()
            ? "raised where needed so the thinking budget fits below it (AnthropicOutputBudget)" : null;
        case "reasoning items" -> "reasoning without a signature is left out: Anthropic rejects unsigned "
            + "thinking blocks (CanonicalMessagesToAnthropic)";
        case "parallel_tool_calls" -> sent.parallelToolCalls().orElse(false)
            ? "true is Anthropic's default and has no field of its own (CanonicalToAnthropic)" : null;
        default -> null;
      });
    }
    if (direction.equals(FidelityMatrixTest.ANTHROPIC_TO_OPENAI)) {
      return Optional.ofNullable(switch (key) {
        case "top_k" -> "OpenAI has no top_k; CanonicalToOpenAiChatRequest reports it dropped";
        case "stop" -> sent.stopSequences().size() > 4
            ? "OpenAI takes at most 4 stop sequences (CanonicalToOpenAiChatRequest)" : null;
        case "reasoning" -> "the thinking budget becomes the nearest reasoning_effort "
            + "(CanonicalToOpenAiChatRequest.effortFor: up to 4k low, up to 16k medium, above high)";
        case "reasoning items" -> "OpenAI takes no reasoning back; CanonicalItemsToOpenAiMessages reports it "
            + "dropped";
        default -> null;
      });
    }
    if (direction.equals(FidelityMatrixTest.ANTHROPIC_CONTROL)) {
      // output_config.effort without thinking reads as a reasoning effort, which the Anthropic
      // egress turns into a thinking budget; Anthropic models are passed through on the native
      // endpoint, so only the matrix takes this path.
      boolean effortOnly = sent.reasoning().map(r -> r.effort().isPresent() && r.budgetTokens().isEmpty())
          .orElse(false);
      return Optional.ofNullable(effortOnly && (key.equals("reasoning") || key.equals("max_tokens"))
          ? "output_config.effort reads as a reasoning effort, which CanonicalToAnthropic sends as a thinking "
              + "budget (AnthropicOutputBudget), raising max_tokens; output_config.effort itself is never sent"
          : null);
    }
    return Optional.empty();
  }
}
