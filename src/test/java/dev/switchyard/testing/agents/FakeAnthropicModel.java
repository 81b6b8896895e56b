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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Claude model behind a {@link dev.switchyard.testing.FakeUpstream}, playing a {@link ToolScript}
 * in Anthropic's Messages format: SSE events when the request streams (shaped as the recordings in
 * {@code fixtures/anthropic}: {@code message_start}, a {@code ping}, block deltas,
 * {@code message_delta} with the usage), a message body otherwise, and token counts on
 * {@code /v1/messages/count_tokens}. Asked to think, it opens each answer with a signed thinking
 * block. Like Claude Sonnet 4.5 it refuses, with Anthropic's 400, a request that sets both
 * {@code temperature} and {@code top_p}, and, while thinking, a tool result whose call comes back
 * without the thinking block (and its signature) that opened it.
 */
public final class FakeAnthropicModel implements FakeModel {
  public static final String CALL_ID = "toolu_01SwitchyardFakeToolCall";
  public static final String THINKING = "The answer is in the file; the tool will read it.";
  public static final String SIGNATURE = "EoQDCkYIBxgCKkBTd2l0Y2h5YXJkRmFrZVRoaW5raW5nU2lnbmF0dXJl";

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
    Optional<String> refusal = refusal(body);
    if (refusal.isPresent()) {
      ObjectNode error = object().put("type", "error");
      error.putObject("error").put("type", "invalid_request_error").put("message", refusal.get());
      return UpstreamReply.json(400, error.put("request_id", "req_011SwitchyardFake").toString());
    }
    Turn turn = turn(request).orElseThrow();
    Answer answer = new Answer(turn, body.path("model").asText(), thinks(body));
    return body.path("stream").asBoolean(false)
        ? UpstreamReply.sse(stream(answer))
        : UpstreamReply.json(200, message(answer).toString());
  }

  @Override
  public Optional<Turn> turn(ReceivedRequest request) {
    if (!isGeneration(request.path())) {
      return Optional.empty();
    }
    JsonNode body = request.json();
    return Optional.of(script.turn(offersTool(body), latestTurnCarriesToolResult(body)));
  }

  /** What the real Messages API refuses of these rules, in its words. */
  private static Optional<String> refusal(JsonNode body) {
    if (body.has("temperature") && body.has("top_p")) {
      return Optional.of("`temperature` and `top_p` cannot both be specified for this model. Please use only one.");
    }
    JsonNode messages = body.path("messages");
    if (thinks(body) && latestTurnCarriesToolResult(body) && messages.size() >= 2) {
      int at = messages.size() - 2;
      JsonNode first = messages.get(at).path("content").path(0);
      String type = first.path("type").asText();
      if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
        return Optional.of("messages." + at + ".content.0.type: Expected `thinking` or `redacted_thinking`, but "
            + "found `" + type + "`. When `thinking` is enabled, a final `assistant` message must start with a "
            + "thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks).");
      }
      if (type.equals("thinking") && !SIGNATURE.equals(first.path("signature").asText())) {
        return Optional.of("messages." + at + ".content.0: Invalid `signature` in `thinking` block");
      }
    }
    return Optional.empty();
  }

  private static boolean thinks(JsonNode body) {
    String type = body.path("thinking").path("type").asText();
    return type.equals("enabled") || type.equals("adaptive");
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

  /** One answer: the turn, the model name to echo, and whether it opens with thinking. */
  private record Answer(Turn turn, String model, boolean thinks) {
    String stopReason() {
      return turn == Turn.CALL_TOOL ? "tool_use" : "end_turn";
    }
  }

  private ObjectNode message(Answer answer) {
    ObjectNode message = head(answer);
    ArrayNode content = message.putArray("content");
    if (answer.thinks()) {
      content.addObject().put("type", "thinking").put("thinking", THINKING).put("signature", SIGNATURE);
    }
    if (answer.turn() == Turn.CALL_TOOL) {
      content.addObject().put("type", "tool_use").put("id", CALL_ID).put("name", script.toolName())
          .set("input", script.arguments());
    } else {
      content.addObject().put("type", "text").put("text", script.text(answer.turn()));
    }
    message.put("stop_reason", answer.stopReason()).putNull("stop_sequence");
    message.set("usage", usage(answer.turn().usage(), answer.turn().usage().output()));
    return message;
  }

  private String stream(Answer answer) {
    ObjectNode start = head(answer);
    start.putArray("content");
    start.putNull("stop_reason").putNull("stop_sequence");
    start.set("usage", usage(answer.turn().usage(), 1));
    StringBuilder events = new StringBuilder();
    event(events, "message_start", object().put("type", "message_start").set("message", start));
    int index = 0;
    if (answer.thinks()) {
      ObjectNode thinking = object().put("type", "thinking").put("thinking", "").put("signature", "");
      block(events, index++, thinking, List.of(
          object().put("type", "thinking_delta").put("thinking", THINKING),
          object().put("type", "signature_delta").put("signature", SIGNATURE)));
    }
    List<ObjectNode> deltas = new ArrayList<>();
    if (answer.turn() == Turn.CALL_TOOL) {
      ToolScript.halves(script.argumentsJson()).forEach(fragment ->
          deltas.add(object().put("type", "input_json_delta").put("partial_json", fragment)));
      ObjectNode toolUse = object().put("type", "tool_use").put("id", CALL_ID).put("name", script.toolName());
      toolUse.putObject("input");
      block(events, index, toolUse, deltas);
    } else {
      ToolScript.pieces(script.text(answer.turn())).forEach(piece ->
          deltas.add(object().put("type", "text_delta").put("text", piece)));
      block(events, index, object().put("type", "text").put("text", ""), deltas);
    }
    ObjectNode end = object().put("type", "message_delta");
    end.putObject("delta").put("stop_reason", answer.stopReason()).putNull("stop_sequence");
    end.set("usage", usage(answer.turn().usage(), answer.turn().usage().output()));
    event(events, "message_delta", end);
    event(events, "message_stop", object().put("type", "message_stop"));
    return events.toString();
  }

  /** One content block's start, deltas and stop; a {@code ping} follows the first block's start, as recorded. */
  private static void block(StringBuilder events, int index, ObjectNode contentBlock, List<ObjectNode> deltas) {
    ObjectNode start = object().put("type", "content_block_start").put("index", index);
    start.set("content_block", contentBlock);
    event(events, "content_block_start", start);
    if (index == 0) {
      event(events, "ping", object().put("type", "ping"));
    }
    for (ObjectNode delta : deltas) {
      ObjectNode event = object().put("type", "content_block_delta").put("index", index);
      event.set("delta", delta);
      event(events, "content_block_delta", event);
    }
    event(events, "content_block_stop", object().put("type", "content_block_stop").put("index", index));
  }

  private static ObjectNode head(Answer answer) {
    return object()
        .put("model", answer.model())
        .put("id", "msg_01SwitchyardFake" + answer.turn().ordinal())
        .put("type", "message")
        .put("role", "assistant");
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
    return FakeModel.text(result.path("content"), "tool_result content block");
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
