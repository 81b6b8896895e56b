package dev.switchyard.fidelity;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Item;
import dev.switchyard.fidelity.Protocol.Kind;
import java.util.Optional;

/**
 * The request settings that a translation direction changes by design, each with the reason and
 * the class where the mapping lives; a difference not listed here fails the matrix.
 */
final class RequestLosses {
  private RequestLosses() {}

  static Optional<String> reason(Kind client, Kind provider, String key, ChatRequest sent) {
    return Optional.ofNullable(switch (provider) {
      case ANTHROPIC -> client == Kind.ANTHROPIC ? anthropicControl(key, sent) : toAnthropic(key, sent);
      case OPENAI, OPENAI_COMPATIBLE -> client == Kind.OPENAI ? null : toOpenAi(key, sent);
      case GEMINI -> toGemini(key, sent);
    });
  }

  private static String toAnthropic(String key, ChatRequest sent) {
    return switch (key) {
      case "seed" -> "Anthropic has no seed; CanonicalToAnthropic reports it dropped";
      case "presence_penalty", "frequency_penalty" -> "Anthropic has no penalties; CanonicalToAnthropic reports "
          + "them dropped";
      case "response_format.name/description/strict" ->
          "output_config.format carries only the schema (CanonicalToAnthropic); Anthropic always holds to it";
      case "response_format" -> "json_object becomes a system instruction (CanonicalToAnthropic)";
      case "reasoning" -> "reasoning_effort becomes a thinking budget from AnthropicOutputBudget's ladder "
          + "(low 2048, medium 8192, high 24576, xhigh 32768) and reads back as that budget";
      case "max_tokens" -> sent.reasoning().isPresent()
          ? "raised where needed so the thinking budget fits below it (AnthropicOutputBudget)" : null;
      case "reasoning items" -> "reasoning without a signature is left out and reported: Anthropic rejects "
          + "unsigned thinking blocks (CanonicalMessagesToAnthropic)";
      case "parallel_tool_calls" -> sent.parallelToolCalls().orElse(false)
          ? "true is Anthropic's default and has no field of its own (CanonicalToAnthropic)" : null;
      default -> null;
    };
  }

  private static String toOpenAi(String key, ChatRequest sent) {
    return switch (key) {
      case "top_k" -> "OpenAI has no top_k; CanonicalToOpenAiChatRequest reports it dropped";
      case "stop" -> sent.stopSequences().size() > 4
          ? "OpenAI takes at most 4 stop sequences (CanonicalToOpenAiChatRequest)" : null;
      case "reasoning" -> "the thinking budget becomes the nearest reasoning_effort "
          + "(CanonicalToOpenAiChatRequest.effortFor: up to 4k low, up to 16k medium, above high)";
      case "reasoning items" -> "OpenAI takes no reasoning back; CanonicalItemsToOpenAiMessages reports it "
          + "dropped";
      default -> null;
    };
  }

  /** Also for the Gemini control: native Gemini traffic is passed through, so only the matrix renders it again. */
  private static String toGemini(String key, ChatRequest sent) {
    return switch (key) {
      case "user" -> "Gemini has no end-user id; CanonicalToGemini reports it dropped";
      case "seed" -> sent.seed().filter(seed -> seed != (int) (long) seed).isPresent()
          ? "Gemini's seed is 32 bits; GeminiGenerationConfig reports a larger one dropped" : null;
      case "tools" -> "parameters go in Gemini's OpenAPI-style Schema, which lacks additionalProperties and "
          + "other JSON Schema keywords, and a tool has no strict flag: GeminiSchemas and GeminiTools drop "
          + "them, named";
      case "response_format.name/description/strict" -> "Gemini's responseJsonSchema carries only the schema "
          + "(GeminiGenerationConfig); it reads back named after the schema's title or \"response\", strict";
      case "reasoning" -> sent.reasoning().flatMap(r -> r.effort()).isPresent()
          ? "reasoning_effort becomes a thinkingBudget for Gemini 2.5 (GeminiGenerationConfig: none/minimal 0, "
              + "low 1024, medium 8192, high and above 24576) and reads back as that budget" : null;
      case "parallel_tool_calls" -> "Gemini has no switch for parallel calls; GeminiTools reports "
          + "parallel_tool_calls dropped";
      case "reasoning items" -> sent.items().stream().filter(Item.Reasoning.class::isInstance)
          .map(Item.Reasoning.class::cast).anyMatch(r -> r.signature().or(r::encrypted)
              .filter(sig -> !dev.switchyard.canonical.SignatureOrigin.isGemini(sig)).isPresent())
          ? "another provider's thinking signature is left out (Gemini takes back only its own; "
              + "CanonicalItemsToGemini reports it dropped), its text kept as a thought" : null;
      default -> null;
    };
  }

  /**
   * output_config.effort without thinking reads as a reasoning effort, which the Anthropic egress
   * turns into a thinking budget; Anthropic models are passed through on the native endpoint, so
   * only the matrix takes this path.
   */
  private static String anthropicControl(String key, ChatRequest sent) {
    boolean effortOnly = sent.reasoning().map(r -> r.effort().isPresent() && r.budgetTokens().isEmpty())
        .orElse(false);
    return effortOnly && (key.equals("reasoning") || key.equals("max_tokens"))
        ? "output_config.effort reads as a reasoning effort, which CanonicalToAnthropic sends as a thinking "
            + "budget (AnthropicOutputBudget), raising max_tokens; output_config.effort itself is never sent"
        : null;
  }
}
