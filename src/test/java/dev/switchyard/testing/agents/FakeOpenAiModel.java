package dev.switchyard.testing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import dev.switchyard.testing.agents.ToolScript.Tokens;
import dev.switchyard.testing.agents.ToolScript.Turn;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A GPT model behind a {@link dev.switchyard.testing.FakeUpstream}, playing a {@link ToolScript}
 * in OpenAI's Chat Completions format: {@code chat.completion.chunk} events when the request
 * streams (shaped as the recordings in {@code fixtures/openai}: a role chunk, content or tool-call
 * argument chunks, the finish chunk, the usage-only chunk when asked for, {@code [DONE]}), a
 * {@code chat.completion} body otherwise.
 */
public final class FakeOpenAiModel implements FakeModel {
  public static final String CALL_ID = "call_SwitchyardFakeToolCall01";
  private static final String COMPLETION_ID = "chatcmpl-SwitchyardFake";
  private static final long CREATED = 1_782_955_817L;

  private final ToolScript script;

  public FakeOpenAiModel(ToolScript script) {
    this.script = script;
  }

  @Override
  public UpstreamReply apply(ReceivedRequest request) {
    if (!isGeneration(request.path())) {
      return UpstreamReply.json(404, "{\"error\":{\"message\":\"Unknown request URL: " + request.path()
          + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"unknown_url\"}}");
    }
    JsonNode body = request.json();
    Turn turn = turn(request).orElseThrow();
    String model = body.path("model").asText();
    if (!body.path("stream").asBoolean(false)) {
      return UpstreamReply.json(200, completion(turn, model).toString());
    }
    return UpstreamReply.sse(stream(turn, model, body.path("stream_options").path("include_usage").asBoolean()));
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
    return path.startsWith("/v1/chat/completions");
  }

  private boolean offersTool(JsonNode body) {
    for (JsonNode tool : body.path("tools")) {
      if (script.toolName().equals(tool.path("function").path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code tool} message follows the last assistant message. */
  private static boolean latestTurnCarriesToolResult(JsonNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      String role = messages.get(i).path("role").asText();
      if ("tool".equals(role)) {
        return true;
      }
      if ("assistant".equals(role)) {
        return false;
      }
    }
    return false;
  }

  private ObjectNode completion(Turn turn, String model) {
    ObjectNode completion = head(model, "chat.completion");
    ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (turn == Turn.CALL_TOOL) {
      message.putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject().put("id", CALL_ID).put("type", "function");
      call.putObject("function").put("name", script.toolName()).put("arguments", script.argumentsJson());
    } else {
      message.put("content", script.text(turn));
    }
    message.putNull("refusal").putArray("annotations");
    choice.putNull("logprobs").put("finish_reason", finishReason(turn));
    completion.set("usage", usage(turn.usage()));
    return completion;
  }

  private String stream(Turn turn, String model, boolean includeUsage) {
    StringBuilder events = new StringBuilder();
    if (turn == Turn.CALL_TOOL) {
      chunk(events, model, includeUsage, null, delta -> {
        delta.put("role", "assistant").putNull("content");
        ObjectNode call = delta.putArray("tool_calls").addObject()
            .put("index", 0).put("id", CALL_ID).put("type", "function");
        call.putObject("function").put("name", script.toolName()).put("arguments", "");
        delta.putNull("refusal");
      });
      for (String fragment : ToolScript.halves(script.argumentsJson())) {
        chunk(events, model, includeUsage, null, delta -> delta.putArray("tool_calls").addObject()
            .put("index", 0).putObject("function").put("arguments", fragment));
      }
    } else {
      chunk(events, model, includeUsage, null,
          delta -> delta.put("role", "assistant").put("content", "").putNull("refusal"));
      for (String piece : ToolScript.pieces(script.text(turn))) {
        chunk(events, model, includeUsage, null, delta -> delta.put("content", piece));
      }
    }
    chunk(events, model, includeUsage, finishReason(turn), delta -> { });
    if (includeUsage) {
      ObjectNode last = head(model, "chat.completion.chunk");
      last.putArray("choices");
      last.set("usage", usage(turn.usage()));
      events.append("data: ").append(last).append("\n\n");
    }
    return events.append("data: [DONE]\n\n").toString();
  }

  private static void chunk(StringBuilder events, String model, boolean includeUsage, String finishReason,
      Consumer<ObjectNode> delta) {
    ObjectNode chunk = head(model, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    delta.accept(choice.putObject("delta"));
    choice.putNull("logprobs").put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage"); // as OpenAI marks every chunk when usage comes at the end
    }
    events.append("data: ").append(chunk).append("\n\n");
  }

  private static ObjectNode head(String model, String object) {
    return Fixtures.JSON.createObjectNode()
        .put("id", COMPLETION_ID)
        .put("object", object)
        .put("created", CREATED)
        .put("model", model)
        .put("service_tier", "default")
        .put("system_fingerprint", "fp_switchyard");
  }

  private static String finishReason(Turn turn) {
    return turn == Turn.CALL_TOOL ? "tool_calls" : "stop";
  }

  private static ObjectNode usage(Tokens tokens) {
    ObjectNode usage = Fixtures.JSON.createObjectNode()
        .put("prompt_tokens", tokens.input())
        .put("completion_tokens", tokens.output())
        .put("total_tokens", tokens.total());
    usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
    return usage;
  }

  /**
   * The text of the tool result in {@code request}, after checking the conversation has OpenAI's
   * shape for it: the assistant message with this fake's {@code tool_calls} entry (arguments as a
   * JSON string), then a {@code tool} message naming that call.
   */
  @Override
  public String toolResultIn(ReceivedRequest request) {
    JsonNode messages = request.json().path("messages");
    int callAt = -1;
    for (int i = messages.size() - 1; i >= 0 && callAt < 0; i--) {
      if ("assistant".equals(messages.get(i).path("role").asText())) {
        callAt = i;
      }
    }
    assertThat(callAt).as("an assistant message in %s", request).isNotNegative();
    JsonNode call = messages.get(callAt).path("tool_calls").path(0);
    assertThat(call.path("id").asText()).isEqualTo(CALL_ID);
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.path("function").path("name").asText()).isEqualTo(script.toolName());
    assertThat(Fixtures.readJson(call.path("function").path("arguments").asText())).isEqualTo(script.arguments());
    assertThat(callAt + 1).as("a message after the tool call").isLessThan(messages.size());
    JsonNode answer = messages.get(callAt + 1);
    assertThat(answer.path("role").asText()).isEqualTo("tool");
    assertThat(answer.path("tool_call_id").asText()).isEqualTo(CALL_ID);
    return FakeModel.text(answer.path("content"), "tool message content part");
  }
}
