package dev.switchyard.testing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import dev.switchyard.testing.agents.ToolScript.Turn;
import java.util.Optional;
import java.util.function.Function;

/**
 * A model of one provider protocol playing a {@link ToolScript} behind a
 * {@link dev.switchyard.testing.FakeUpstream}: the reply to each request, decided from the request
 * alone, and the check that the client's tool result came back in the protocol's shape.
 */
public interface FakeModel extends Function<ReceivedRequest, UpstreamReply> {

  /** The model's move for a generation request; empty for any other request (token counts…). */
  Optional<Turn> turn(ReceivedRequest request);

  /** Whether this is the second leg of the round trip: the latest user turn carries a tool result. */
  default boolean carriesToolResult(ReceivedRequest request) {
    return turn(request).equals(Optional.of(Turn.ANSWER_TOOL_RESULT));
  }

  /**
   * The tool result's content as text, after asserting the conversation holds this fake's call and
   * the client's answer to it in the protocol's shape.
   */
  String toolResultIn(ReceivedRequest request);

  /** A tool result's content as text: a string, or text parts ({@code what} names them in a failure). */
  static String text(JsonNode content, String what) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      assertThat(part.path("type").asText()).as(what).isEqualTo("text");
      text.append(part.path("text").asText());
    }
    return text.toString();
  }
}
