package dev.switchyard.testing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import dev.switchyard.testing.agents.ToolScript.Tokens;
import dev.switchyard.testing.agents.ToolScript.Turn;
import java.util.Optional;

/**
 * A Claude model behind a {@link dev.switchyard.testing.FakeUpstream}, playing a {@link ToolScript}
 * in Anthropic's Messages format: SSE events when the request streams (shaped as the recordings in
 * {@code fixtures/anthropic}: {@code message_start}, a {@code ping}, block deltas,
 * {@code message_delta} with the usage), a message body otherwise, and token counts on
 * {@code /v1/messages/count_tokens}. Like Claude Sonnet 4.5 and later, it refuses a request that sets
 * both {@code temperature} and {@code top_p}.
 */
public final class FakeAnthropicModel implements FakeModel {
  public static final String CALL_ID = "toolu_01SwitchyardFakeToolCall";

  private final ToolScript script;

  public FakeAnthropicModel(ToolScript script) {
    this.script = script;
  }

  @Override
  public UpstreamReply apply(ReceivedRequest request) {
    String path = request.path();
    if (path.startsWith("/v1/messages/count_tokens")) {
      return UpstreamReply.json(200, "{\"input_tokens\":" + Turn.PLAIN.usage().input() + "}");
    }
    if (!isGeneration(path)) {
      return UpstreamReply.json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
          + "\"message\":\"Not found: " + path + "\"}}");
    }
    JsonNode body = request.json();
    if (body.has("temperature") && body.has("top_p")) {
      return UpstreamReply.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
          + "\"message\":\"`temperature` and `top_p` cannot both be specified for this model. Please use only one.\"},"
          + "\"request_id\":\"req_011SwitchyardFake\"}");
    }
    Turn turn = turn(request).orElseThrow();
    String model = body.path("model").asText();
    return body.path("stream").asBoolean(false)
        ? UpstreamReply.sse(stream(turn, model))
        : UpstreamReply.json(200, message(turn, model).toString());
  }

  @Override
  public Optional<Turn> turn(ReceivedRequest request) {
    if (!isGeneration(request.path())) {
      return Optional.empty();
    }
    JsonNode body = request.json();
    return Optional.of(script.turn(offersTool(body), latestTurnCarriesToolResult(body)));
  }

  private static boolean isGeneration(String path) {
    return path.startsWith("/v1/messages") && !path.startsWith("/v1/messages/count_tokens");
  }

  private boolean offersTool(JsonNode body) {
    for (JsonNode tool : body.path("tools")) {
      if (script.toolName().equals(tool.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean latestTurnCarriesToolResult(JsonNode body) {
    JsonNode messages = body.path("messages");
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last == null || !"user".equals(last.path("role").asText())) {
      return false;
    }
    for (JsonNode block : last.path("content")) {
      if ("tool_result".equals(block.path("type").asText())) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode message(Turn turn, String model) {
    ObjectNode message = Fixtures.JSON.createObjectNode()
        .put("model", model)
        .put("id", "msg_01SwitchyardFake" + turn.ordinal())
        .put("type", "message")
        .put("role", "assistant");
    ArrayNode content = message.putArray("content");
    if (turn == Turn.CALL_TOOL) {
      content.addObject().put("type", "tool_use").put("id", CALL_ID).put("name", script.toolName())
          .set("input", script.arguments());
    } else {
      content.addObject().put("type", "text").put("text", script.text(turn));
    }
    message.put("stop_reason", turn == Turn.CALL_TOOL ? "tool_use" : "end_turn").putNull("stop_sequence");
    message.set("usage", usage(turn.usage(), turn.usage().output()));
    return message;
  }

  private String stream(Turn turn, String model) {
    ObjectNode start = message(turn, model);
    start.putArray("content");
    start.putNull("stop_reason");
    start.set("usage", usage(turn.usage(), 1));
    StringBuilder events = new StringBuilder();
    event(events, "message_start", object().put("type", "message_start").set("message", start));
    ObjectNode block = object().put("type", "content_block_start").put("index", 0);
    if (turn == Turn.CALL_TOOL) {
      block.putObject("content_block").put("type", "tool_use").put("id", CALL_ID).put("name", script.toolName())
          .putObject("input");
    } else {
      block.putObject("content_block").put("type", "text").put("text", "");
    }
    event(events, "content_block_start", block);
    event(events, "ping", object().put("type", "ping"));
    var fragments = turn == Turn.CALL_TOOL
        ? ToolScript.halves(script.argumentsJson())
        : ToolScript.pieces(script.text(turn));
    for (String fragment : fragments) {
      ObjectNode delta = object().put("type", "content_block_delta").put("index", 0);
      if (turn == Turn.CALL_TOOL) {
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
      } else {
        delta.putObject("delta").put("type", "text_delta").put("text", fragment);
      }
      event(events, "content_block_delta", delta);
    }
    event(events, "content_block_stop", object().put("type", "content_block_stop").put("index", 0));
    ObjectNode end = object().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", turn == Turn.CALL_TOOL ? "tool_use" : "end_turn")
        .putNull("stop_sequence");
    end.set("usage", usage(turn.usage(), turn.usage().output()));
    event(events, "message_delta", end);
    event(events, "message_stop", object().put("type", "message_stop"));
    return events.toString();
  }

  private static ObjectNode usage(Tokens tokens, int output) {
    return object()
        .put("input_tokens", tokens.input())
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", output);
  }

  private static void event(StringBuilder events, String name, JsonNode data) {
    events.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
  }

  private static ObjectNode object() {
    return Fixtures.JSON.createObjectNode();
  }

  /**
   * The text of the tool result that {@code request} ends with, after checking the conversation has
   * Anthropic's shape for it: the assistant's {@code tool_use} block as this fake sent it, then a
   * user message whose {@code tool_result} block names that call.
   */
  @Override
  public String toolResultIn(ReceivedRequest request) {
    JsonNode messages = request.json().path("messages");
    assertThat(messages.size()).as("messages of %s", request).isGreaterThanOrEqualTo(2);
    JsonNode call = messages.get(messages.size() - 2);
    assertThat(call.path("role").asText()).isEqualTo("assistant");
    JsonNode toolUse = blockOfType(call.path("content"), "tool_use");
    assertThat(toolUse.path("id").asText()).isEqualTo(CALL_ID);
    assertThat(toolUse.path("name").asText()).isEqualTo(script.toolName());
    assertThat(toolUse.path("input")).isEqualTo(script.arguments());
    JsonNode answer = messages.get(messages.size() - 1);
    assertThat(answer.path("role").asText()).isEqualTo("user");
    JsonNode result = blockOfType(answer.path("content"), "tool_result");
    assertThat(result.path("tool_use_id").asText()).isEqualTo(CALL_ID);
    JsonNode content = result.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      assertThat(part.path("type").asText()).as("tool_result content block").isEqualTo("text");
      text.append(part.path("text").asText());
    }
    return text.toString();
  }

  private static JsonNode blockOfType(JsonNode content, String type) {
    for (JsonNode block : content) {
      if (type.equals(block.path("type").asText())) {
        return block;
      }
    }
    throw new AssertionError("no " + type + " block in " + content);
  }
}
