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
 * A Gemini model behind a {@link dev.switchyard.testing.FakeUpstream}, playing a {@link ToolScript}
 * in the Gemini API's format, shaped as the recordings in {@code fixtures/gemini}:
 * {@code :streamGenerateContent} answers SSE with {@code ?alt=sse} and a JSON array without it,
 * {@code :generateContent} one response, {@code :countTokens} a count. A function call carries a
 * {@code thoughtSignature}, as thinking Gemini models send one.
 */
public final class FakeGeminiModel implements FakeModel {
  public static final String THOUGHT_SIGNATURE = "U3dpdGNoeWFyZEZha2VUaG91Z2h0U2lnbmF0dXJl";
  private static final String RESPONSE_ID = "SwitchyardFakeResponse";

  private final ToolScript script;

  public FakeGeminiModel(ToolScript script) {
    this.script = script;
  }

  @Override
  public UpstreamReply apply(ReceivedRequest request) {
    String path = request.path();
    int colon = path.lastIndexOf(':');
    int query = path.indexOf('?');
    String method = colon < 0 ? "" : path.substring(colon + 1, query > colon ? query : path.length());
    String model = path.substring(path.lastIndexOf('/', colon < 0 ? path.length() : colon) + 1,
        colon < 0 ? path.length() : colon);
    if (method.equals("countTokens")) {
      return UpstreamReply.json(200, "{\"totalTokens\":" + Turn.PLAIN.usage().input() + "}");
    }
    if (!method.equals("generateContent") && !method.equals("streamGenerateContent")) {
      return UpstreamReply.json(404, "{\"error\":{\"code\":404,\"message\":\"Method not found: " + path
          + "\",\"status\":\"NOT_FOUND\"}}");
    }
    Turn turn = turn(request).orElseThrow();
    if (method.equals("generateContent")) {
      return UpstreamReply.json(200, whole(turn, model).toString());
    }
    List<ObjectNode> chunks = chunks(turn, model);
    if ("alt=sse".equals(request.query())) {
      StringBuilder events = new StringBuilder();
      chunks.forEach(chunk -> events.append("data: ").append(chunk).append("\r\n\r\n"));
      return UpstreamReply.sse(events.toString());
    }
    ArrayNode array = Fixtures.JSON.createArrayNode();
    array.addAll(chunks);
    return UpstreamReply.json(200, array.toPrettyString());
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
    return path.contains(":generateContent") || path.contains(":streamGenerateContent");
  }

  private boolean offersTool(JsonNode body) {
    for (JsonNode tool : body.path("tools")) {
      for (JsonNode function : tool.path("functionDeclarations")) {
        if (script.toolName().equals(function.path("name").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a {@code functionResponse} part follows the last model turn. */
  private static boolean latestTurnCarriesToolResult(JsonNode body) {
    JsonNode contents = body.path("contents");
    for (int i = contents.size() - 1; i >= 0; i--) {
      JsonNode content = contents.get(i);
      if ("model".equals(content.path("role").asText())) {
        return false;
      }
      for (JsonNode part : content.path("parts")) {
        if (part.has("functionResponse")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The stream: a function call then an empty closing text, or the text in pieces; STOP at the end. */
  private List<ObjectNode> chunks(Turn turn, String model) {
    List<ObjectNode> chunks = new ArrayList<>();
    if (turn == Turn.CALL_TOOL) {
      ObjectNode call = chunk(model, turn.usage(), turn.usage().output());
      functionCall(parts(call).addObject());
      chunks.add(call);
      ObjectNode end = chunk(model, turn.usage(), turn.usage().output());
      parts(end).addObject().put("text", "");
      chunks.add(end);
    } else {
      List<String> pieces = ToolScript.pieces(script.text(turn));
      for (int i = 0; i < pieces.size(); i++) {
        // candidatesTokenCount grows with the stream and reaches the turn's count at the end
        int soFar = turn.usage().output() * (i + 1) / pieces.size();
        ObjectNode chunk = chunk(model, turn.usage(), soFar);
        parts(chunk).addObject().put("text", pieces.get(i));
        chunks.add(chunk);
      }
    }
    ((ObjectNode) chunks.getLast().path("candidates").path(0)).put("finishReason", "STOP");
    return chunks;
  }

  private ObjectNode whole(Turn turn, String model) {
    ObjectNode response = chunk(model, turn.usage(), turn.usage().output());
    ObjectNode part = parts(response).addObject();
    if (turn == Turn.CALL_TOOL) {
      functionCall(part);
    } else {
      part.put("text", script.text(turn));
    }
    ((ObjectNode) response.path("candidates").path(0)).put("finishReason", "STOP");
    return response;
  }

  private void functionCall(ObjectNode part) {
    part.putObject("functionCall").put("name", script.toolName()).set("args", script.arguments());
    part.put("thoughtSignature", THOUGHT_SIGNATURE);
  }

  private static ObjectNode chunk(String model, Tokens tokens, int outputSoFar) {
    ObjectNode chunk = Fixtures.JSON.createObjectNode();
    ObjectNode candidate = chunk.putArray("candidates").addObject();
    candidate.putObject("content").put("role", "model").putArray("parts");
    candidate.put("index", 0);
    ObjectNode usage = chunk.putObject("usageMetadata")
        .put("promptTokenCount", tokens.input())
        .put("candidatesTokenCount", outputSoFar)
        .put("totalTokenCount", tokens.input() + outputSoFar);
    usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", tokens.input());
    chunk.put("modelVersion", model).put("responseId", RESPONSE_ID);
    return chunk;
  }

  private static ArrayNode parts(ObjectNode chunk) {
    return (ArrayNode) chunk.path("candidates").path(0).path("content").path("parts");
  }

  /**
   * The tool result in {@code request} as JSON text, after checking the conversation has Gemini's
   * shape for it: the model turn with this fake's {@code functionCall} (and a thought signature, which
   * Gemini requires back), then a user turn whose {@code functionResponse} names the function.
   */
  @Override
  public String toolResultIn(ReceivedRequest request) {
    JsonNode contents = request.json().path("contents");
    int callAt = -1;
    for (int i = contents.size() - 1; i >= 0 && callAt < 0; i--) {
      if ("model".equals(contents.get(i).path("role").asText())) {
        callAt = i;
      }
    }
    assertThat(callAt).as("a model turn in %s", request).isNotNegative();
    JsonNode callPart = partWith(contents.get(callAt), "functionCall");
    assertThat(callPart.path("functionCall").path("name").asText()).isEqualTo(script.toolName());
    assertThat(callPart.path("functionCall").path("args")).isEqualTo(script.arguments());
    assertThat(callPart.path("thoughtSignature").asText()).as("the call's thought signature").isNotEmpty();
    assertThat(callAt + 1).as("a turn after the function call").isLessThan(contents.size());
    JsonNode answer = contents.get(callAt + 1);
    assertThat(answer.path("role").asText()).isEqualTo("user");
    JsonNode response = partWith(answer, "functionResponse").path("functionResponse");
    assertThat(response.path("name").asText()).isEqualTo(script.toolName());
    assertThat(response.path("response").isObject()).as("functionResponse.response is an object").isTrue();
    return response.path("response").toString();
  }

  private static JsonNode partWith(JsonNode content, String field) {
    for (JsonNode part : content.path("parts")) {
      if (part.has(field)) {
        return part;
      }
    }
    throw new AssertionError("no " + field + " part in " + content);
  }
}
