package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.FinishReason;

/** The one place where Anthropic's {@code stop_reason} values and canonical finish reasons meet. */
public final class AnthropicStopReasons {
  private AnthropicStopReasons() {}

  /** Anthropic's reason as canonical; a reason this code does not know yet is {@code OTHER}. */
  public static FinishReason toCanonical(String stopReason) {
    if (stopReason == null) {
      return FinishReason.OTHER;
    }
    return switch (stopReason) {
      case "end_turn" -> FinishReason.STOP;
      case "stop_sequence" -> FinishReason.STOP_SEQUENCE;
      // the context window, not max_tokens, cut the answer short: to a client it is the same length stop
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      case "pause_turn" -> FinishReason.PAUSE;
      default -> FinishReason.OTHER;
    };
  }

  /** The canonical reason in Anthropic's words; {@code OTHER} has none and reads as a plain end of turn. */
  public static String toAnthropic(FinishReason reason) {
    return switch (reason) {
      case STOP, OTHER -> "end_turn";
      case STOP_SEQUENCE -> "stop_sequence";
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case PAUSE -> "pause_turn";
    };
  }
}
