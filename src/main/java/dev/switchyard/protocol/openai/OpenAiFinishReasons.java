package dev.switchyard.protocol.openai;

import dev.switchyard.canonical.FinishReason;

/**
 * The one mapping between OpenAI's {@code finish_reason} and canonical {@link FinishReason}. OpenAI
 * says {@code stop} both for a natural end and for a stop sequence, and has no word for a paused
 * turn, so those become {@code stop}; the legacy {@code function_call} reads as a tool call.
 */
public final class OpenAiFinishReasons {
  private OpenAiFinishReasons() {}

  /** OpenAI's name for a canonical reason. */
  public static String toOpenAi(FinishReason reason) {
    return switch (reason) {
      case STOP, STOP_SEQUENCE, PAUSE, OTHER -> "stop";
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
    };
  }

  /** The canonical reason for OpenAI's name; a name OpenAI does not define reads as OTHER. */
  public static FinishReason fromOpenAi(String reason) {
    return switch (reason) {
      case "stop" -> FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
      case "content_filter" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }
}
