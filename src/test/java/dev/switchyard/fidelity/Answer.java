package dev.switchyard.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a client takes from an answer, in terms both protocols share: text, visible reasoning and
 * its signatures, tool calls (id, name, arguments as JSON), the finish reason in OpenAI's words,
 * and token usage with all input counted as OpenAI counts it.
 */
record Answer(String text, String reasoning, List<String> signatures, List<Call> calls, String finish,
    Optional<Tokens> usage) {

  record Call(String id, String name, JsonNode arguments) {}

  record Tokens(long prompt, long completion, long cached) {}

  /** From a chat completion as the OpenAI SDK wrote it back; reasoning from the raw message. */
  static Answer fromOpenAi(JsonNode completion, String reasoning, List<String> signatures) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<Call> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      String arguments = call.path("function").path("arguments").asText("");
      calls.add(new Call(call.path("id").asText(), call.path("function").path("name").asText(),
          Wire.json(arguments.isBlank() ? "{}" : arguments)));
    }
    JsonNode usage = completion.path("usage");
    Optional<Tokens> tokens = usage.isObject()
        ? Optional.of(new Tokens(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
            usage.path("prompt_tokens_details").path("cached_tokens").asLong(0)))
        : Optional.empty();
    return new Answer(message.path("content").asText(""), reasoning, signatures, calls,
        choice.path("finish_reason").asText(), tokens);
  }

  /** The reasoning fields of a raw chat completion message (which the SDK types do not name). */
  static String reasoningOf(JsonNode message) {
    return message.path("reasoning_content").asText("");
  }

  static List<String> signaturesOf(JsonNode thinkingBlocks) {
    List<String> signatures = new ArrayList<>();
    for (JsonNode block : thinkingBlocks) {
      if (block.path("signature").isTextual()) {
        signatures.add(block.path("signature").asText());
      }
    }
    return signatures;
  }

  /** From an Anthropic message as its SDK wrote it back. */
  static Answer fromAnthropic(JsonNode message) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "thinking" -> {
          reasoning.append(block.path("thinking").asText());
          if (!block.path("signature").asText("").isEmpty()) {
            signatures.add(block.path("signature").asText());
          }
        }
        case "tool_use" -> calls.add(new Call(block.path("id").asText(), block.path("name").asText(),
            block.path("input")));
        default -> { }
      }
    }
    JsonNode usage = message.path("usage");
    Optional<Tokens> tokens = usage.isObject()
        ? Optional.of(new Tokens(usage.path("input_tokens").asLong()
                + usage.path("cache_read_input_tokens").asLong(0)
                + usage.path("cache_creation_input_tokens").asLong(0),
            usage.path("output_tokens").asLong(), usage.path("cache_read_input_tokens").asLong(0)))
        : Optional.empty();
    return new Answer(text.toString(), reasoning.toString(), signatures, calls,
        finish(message.path("stop_reason").asText()), tokens);
  }

  /**
   * From Gemini responses as their SDK read them: one answer, or a stream's chunks whose parts join
   * in order. Thought parts are reasoning; a {@code thoughtSignature} may sit on any part; the last
   * finish reason and usage seen count.
   */
  static Answer fromGemini(List<JsonNode> responses) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    String finishReason = "";
    Optional<Tokens> tokens = Optional.empty();
    for (JsonNode response : responses) {
      JsonNode candidate = response.path("candidates").path(0);
      for (JsonNode part : candidate.path("content").path("parts")) {
        if (part.path("thought").asBoolean(false)) {
          reasoning.append(part.path("text").asText(""));
        } else if (part.has("functionCall")) {
          JsonNode call = part.get("functionCall");
          calls.add(new Call(call.path("id").asText(""), call.path("name").asText(),
              call.path("args").isObject() ? call.get("args") : Wire.json("{}")));
        } else {
          text.append(part.path("text").asText(""));
        }
        if (part.path("thoughtSignature").isTextual()) {
          signatures.add(part.get("thoughtSignature").asText());
        }
      }
      finishReason = candidate.path("finishReason").asText(finishReason);
      JsonNode usage = response.path("usageMetadata");
      if (usage.isObject()) {
        tokens = Optional.of(new Tokens(usage.path("promptTokenCount").asLong()
                + usage.path("toolUsePromptTokenCount").asLong(0),
            usage.path("candidatesTokenCount").asLong(0) + usage.path("thoughtsTokenCount").asLong(0),
            usage.path("cachedContentTokenCount").asLong(0)));
      }
    }
    return new Answer(text.toString(), reasoning.toString(), signatures, calls,
        geminiFinish(finishReason, !calls.isEmpty()), tokens);
  }

  /** Gemini's finish reason in OpenAI's words: it says STOP after function calls too. */
  static String geminiFinish(String finishReason, boolean calledTools) {
    return switch (finishReason) {
      case "STOP" -> calledTools ? "tool_calls" : "stop";
      case "MAX_TOKENS" -> "length";
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> "content_filter";
      default -> finishReason;
    };
  }

  /**
   * Whether the calls are the same: ids, names and arguments — where the expected call has no id
   * (Gemini's calls may come without), the id the gateway gave it is not compared.
   */
  boolean sameCalls(List<Call> actual) {
    if (actual.size() != calls.size()) {
      return false;
    }
    for (int i = 0; i < calls.size(); i++) {
      Call want = calls.get(i);
      Call got = actual.get(i);
      if (!want.name().equals(got.name()) || !want.arguments().equals(got.arguments())
          || !want.id().isEmpty() && !want.id().equals(got.id())) {
        return false;
      }
    }
    return true;
  }

  /** Anthropic's stop reason in OpenAI's words, as the mapping table has it. */
  static String finish(String stopReason) {
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> "stop";
      case "max_tokens" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> stopReason;
    };
  }
}
