package dev.switchyard.protocol.gemini;

import dev.switchyard.canonical.FinishReason;

/**
 * The one place where Gemini's {@code Candidate.finishReason} values and canonical finish reasons
 * meet. Gemini says {@code STOP} when the model called functions, so the caller tells whether the
 * candidate holds a {@code functionCall}.
 */
public final class GeminiFinishReasons {
  private GeminiFinishReasons() {}

  /**
   * Gemini's reason as canonical; a reason this code does not know yet, or none, is {@code OTHER}.
   *
   * @param calledTools whether the candidate holds at least one {@code functionCall}
   */
  public static FinishReason toCanonical(String finishReason, boolean calledTools) {
    if (finishReason == null) {
      return FinishReason.OTHER;
    }
    return switch (finishReason) {
      case "STOP" -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE", "IMAGE_SAFETY",
           "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
      // MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, IMAGE_OTHER, NO_IMAGE, OTHER...
      default -> FinishReason.OTHER;
    };
  }

  /**
   * The canonical reason in Gemini's words. Gemini has no reason of its own for stop sequences,
   * tool calls or a paused turn: all of them are its natural {@code STOP}.
   */
  public static String toGemini(FinishReason reason) {
    return switch (reason) {
      case STOP, STOP_SEQUENCE, TOOL_CALLS, PAUSE -> "STOP";
      case LENGTH -> "MAX_TOKENS";
      case CONTENT_FILTER -> "SAFETY";
      case OTHER -> "OTHER";
    };
  }
}
