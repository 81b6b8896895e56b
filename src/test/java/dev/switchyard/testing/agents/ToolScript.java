package dev.switchyard.testing.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fake model does in a tool round trip, whatever protocol it speaks: offered the tool, it
 * calls it with {@code arguments}; shown the tool's result, it answers {@code finalText}; asked
 * anything else (an agent's side request, a prompt without tools), it answers {@code plainText}.
 * Each turn reports its own token counts, so a test can check the usage a client ends up with.
 */
public record ToolScript(String toolName, JsonNode arguments, String finalText, String plainText) {

  /** The fake model's move, decided from the request alone. */
  public enum Turn {
    CALL_TOOL(new Tokens(41, 13)),
    ANSWER_TOOL_RESULT(new Tokens(67, 9)),
    PLAIN(new Tokens(12, 5));

    private final Tokens usage;

    Turn(Tokens usage) {
      this.usage = usage;
    }

    /** The token counts the fake reports for this turn. */
    public Tokens usage() {
      return usage;
    }
  }

  /** Input and output token counts as a provider reports them (no cache, no reasoning). */
  public record Tokens(int input, int output) {
    public int total() {
      return input + output;
    }
  }

  /**
   * A tool result in the latest user turn comes first (it must be answered, whatever tools are
   * on offer); otherwise the tool is called if offered.
   */
  public Turn turn(boolean offersTool, boolean latestTurnCarriesToolResult) {
    if (latestTurnCarriesToolResult) {
      return Turn.ANSWER_TOOL_RESULT;
    }
    return offersTool ? Turn.CALL_TOOL : Turn.PLAIN;
  }

  public String text(Turn turn) {
    return turn == Turn.ANSWER_TOOL_RESULT ? finalText : plainText;
  }

  public String argumentsJson() {
    return arguments.toString();
  }

  /** Text cut into a few stream deltas after spaces ({@code "a b c"} → {@code "a ", "b ", "c"}). */
  static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    for (String piece : text.split("(?<= )")) {
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
    }
    return pieces.isEmpty() ? List.of("") : pieces;
  }

  /** JSON text cut in two, as providers stream tool arguments in fragments. */
  static List<String> halves(String json) {
    int middle = json.length() / 2;
    return List.of(json.substring(0, middle), json.substring(middle));
  }
}
