package dev.switchyard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fake providers of the three protocols that answer every request well, with a recorded reply of
 * the kind it asks for: a stream when it asks for one (by the same rule the gateway reads, a
 * top-level {@code "stream": true}, or Gemini's streaming method), as many embeddings as it has
 * inputs, and for chat one of several recorded answers (text, tool calls, thinking, structured
 * output) so translation back is fuzzed too. So a 5xx from the gateway is never a provider's error
 * relayed. A body a fake cannot read as JSON is the gateway's fault (it validates before
 * forwarding): it is noted for the test and answered 400.
 */
final class RecordedProviders {
  private static final List<Fixtures.Exchange> OPENAI_ANSWERS = List.of(recorded("openai", "chat-text", 0),
      recorded("openai", "chat-tool-calls-multi-turn", 0), recorded("openai", "chat-reasoning-tokens", 0),
      recorded("openai", "chat-json-schema", 1));
  private static final List<Fixtures.Exchange> OPENAI_STREAMS = List.of(
      recorded("openai", "chat-text-stream-usage", 0), recorded("openai", "chat-tool-call-stream", 0),
      recorded("openai", "chat-tool-call-stream", 1));
  private static final JsonNode OPENAI_EMBEDDINGS = recorded("openai", "embeddings-float", 0).responseJson();
  private static final JsonNode OPENAI_EMBEDDINGS_BASE64 = recorded("openai", "embeddings-base64", 0).responseJson();
  private static final List<Fixtures.Exchange> ANTHROPIC_ANSWERS = List.of(recorded("anthropic", "messages-text", 0),
      recorded("anthropic", "messages-thinking-tool-use", 0), recorded("anthropic", "messages-tool-use-parallel", 0),
      recorded("anthropic", "messages-cache-usage", 0));
  private static final List<Fixtures.Exchange> ANTHROPIC_STREAMS = List.of(
      recorded("anthropic", "messages-text-stream", 0), recorded("anthropic", "messages-thinking-tool-use-stream", 0),
      recorded("anthropic", "messages-tool-use-parallel-stream", 0),
      recorded("anthropic", "messages-structured-output-stream", 0));
  private static final List<Fixtures.Exchange> GEMINI_ANSWERS = List.of(recorded("gemini", "generate-text", 0),
      recorded("gemini", "function-call", 0), recorded("gemini", "function-call", 1),
      recorded("gemini", "structured-output", 0), recorded("gemini", "cached-content-usage", 0));
  private static final List<Fixtures.Exchange> GEMINI_SSE_STREAMS = List.of(recorded("gemini", "stream-text-sse", 0),
      recorded("gemini", "function-call-stream-thought-signature", 0),
      recorded("gemini", "function-call-stream-thought-signature", 1));
  private static final List<Fixtures.Exchange> GEMINI_ARRAY_STREAMS = List.of(
      recorded("gemini", "stream-json-array-thoughts-tools", 0),
      recorded("gemini", "stream-json-array-thoughts-tools", 1),
      recorded("gemini", "stream-json-array-thoughts-tools", 2));
  private static final JsonNode GEMINI_EMBEDDING = recorded("gemini", "embed-batch", 0).responseJson()
      .path("embeddings").path(0);

  private final ConcurrentLinkedQueue<String> unreadable = new ConcurrentLinkedQueue<>();

  /** What the fakes could not read: requests the gateway should never have sent. */
  List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  UpstreamReply openAi(ReceivedRequest request) {
    JsonNode body = read(request);
    if (body == null) {
      return UpstreamReply.json(400, "{\"error\":{\"message\":\"unreadable\",\"type\":\"invalid_request_error\","
          + "\"param\":null,\"code\":null}}");
    }
    if (request.path().startsWith("/v1/embeddings")) {
      boolean base64 = body.path("encoding_format").asText().equals("base64");
      JsonNode recorded = base64 ? OPENAI_EMBEDDINGS_BASE64 : OPENAI_EMBEDDINGS;
      ObjectNode answer = recorded.deepCopy();
      ArrayNode data = answer.putArray("data");
      for (int i = 0; i < openAiInputs(body.path("input")); i++) {
        ObjectNode item = recorded.path("data").path(0).deepCopy();
        item.put("index", i);
        data.add(item);
      }
      return UpstreamReply.json(200, answer.toString());
    }
    return reply(asksForStream(body) ? OPENAI_STREAMS : OPENAI_ANSWERS, request);
  }

  /** How many embeddings OpenAI answers for {@code input}: a string or list of token ids is one input. */
  private static int openAiInputs(JsonNode input) {
    if (!input.isArray()) {
      return 1;
    }
    boolean tokens = !input.isEmpty() && input.get(0).isNumber();
    return tokens ? 1 : input.size();
  }

  UpstreamReply anthropic(ReceivedRequest request) {
    JsonNode body = read(request);
    if (body == null) {
      return UpstreamReply.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
          + "\"message\":\"unreadable\"}}");
    }
    if (request.path().startsWith("/v1/messages/count_tokens")) {
      return UpstreamReply.json(200, "{\"input_tokens\":42}");
    }
    return reply(asksForStream(body) ? ANTHROPIC_STREAMS : ANTHROPIC_ANSWERS, request);
  }

  UpstreamReply gemini(ReceivedRequest request) {
    JsonNode body = read(request);
    if (body == null) {
      return UpstreamReply.json(400, "{\"error\":{\"code\":400,\"message\":\"unreadable\","
          + "\"status\":\"INVALID_ARGUMENT\"}}");
    }
    String path = request.path();
    if (path.contains(":streamGenerateContent")) {
      return reply(String.valueOf(request.query()).contains("alt=sse") ? GEMINI_SSE_STREAMS : GEMINI_ARRAY_STREAMS,
          request);
    }
    if (path.contains(":countTokens")) {
      return UpstreamReply.json(200, "{\"totalTokens\":42}");
    }
    if (path.contains(":embedContent")) {
      ObjectNode answer = Fixtures.JSON.createObjectNode();
      answer.set("embedding", GEMINI_EMBEDDING.deepCopy());
      return UpstreamReply.json(200, answer.toString());
    }
    if (path.contains(":batchEmbedContents")) {
      ObjectNode answer = Fixtures.JSON.createObjectNode();
      ArrayNode embeddings = answer.putArray("embeddings");
      int count = body.path("requests").isArray() ? body.path("requests").size() : 0;
      for (int i = 0; i < count; i++) {
        embeddings.add(GEMINI_EMBEDDING.deepCopy());
      }
      return UpstreamReply.json(200, answer.toString());
    }
    return reply(GEMINI_ANSWERS, request);
  }

  private static Fixtures.Exchange recorded(String provider, String name, int exchange) {
    return Fixtures.load(provider, name).exchange(exchange);
  }

  /** The same rule the gateway reads: a top-level {@code "stream": true}. */
  private static boolean asksForStream(JsonNode body) {
    return body.path("stream").isBoolean() && body.path("stream").asBoolean();
  }

  /**
   * One of the recorded answers, chosen by the request's bytes: which the gateway makes the same on
   * every run from the same case, so a case meets the same answer every time.
   */
  private static UpstreamReply reply(List<Fixtures.Exchange> answers, ReceivedRequest request) {
    return UpstreamReply.of(answers.get(Math.floorMod(Arrays.hashCode(request.body()), answers.size())));
  }

  private JsonNode read(ReceivedRequest request) {
    try {
      JsonNode body = Fixtures.JSON.readTree(request.body());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException e) {
      // noted below
    }
    unreadable.add(request.method() + " " + request.path() + ": "
        + FuzzCase.preview(request.body(), 300));
    return null;
  }
}
