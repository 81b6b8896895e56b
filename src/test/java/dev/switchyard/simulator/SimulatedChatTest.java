package dev.switchyard.simulator;

import static dev.switchyard.simulator.SimulatorHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.simulator.SimulatorHarness.Answer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedChatTest {
  private static SimulatorHarness harness;

  @BeforeAll
  static void start() {
    harness = new SimulatorHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void answersWithAFullChatCompletionObject() {
    Answer answer = harness.chat(chat("sim-fast", "Hello there", ""));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("content-type")).isEqualTo("application/json");
    assertThat(answer.headers().get("content-length")).isEqualTo(String.valueOf(answer.text().length()));
    JsonNode body = answer.json();
    assertThat(body.path("id").asText()).startsWith("chatcmpl-");
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("created").asLong()).isPositive();
    assertThat(body.path("model").asText()).isEqualTo("sim-fast");
    assertThat(body.path("system_fingerprint").asText()).isNotEmpty();
    JsonNode choice = body.path("choices").path(0);
    assertThat(choice.path("index").asInt()).isZero();
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isNotBlank();
    assertThat(choice.path("message").get("refusal").isNull()).isTrue();
    assertThat(choice.get("logprobs").isNull()).isTrue();
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("prompt_tokens").asInt()).isPositive();
    assertThat(usage.path("completion_tokens").asInt()).isPositive();
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    assertThat(usage.path("prompt_tokens_details").path("cached_tokens").isInt()).isTrue();
    assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").isInt()).isTrue();
  }

  @Test
  void sameMessagesGetTheSameAnswerAndOtherMessagesAnother() {
    String first = content(harness.chat(chat("sim-fast", "Tell me about gateways", "")));
    String again = content(harness.chat(chat("sim-fast", "Tell me about gateways", "")));
    String other = content(harness.chat(chat("sim-fast", "Tell me about rivers", "")));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first.split(" ").length).isBetween(10, 60);
  }

  @Test
  void echoModelRepeatsTheLastUserMessage() {
    String body = """
        {"model":"sim-echo","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"user","content":"first question"},
          {"role":"assistant","content":"an answer"},
          {"role":"user","content":"Say exactly this, please!"}]}""";

    assertThat(content(harness.chat(body))).isEqualTo("Say exactly this, please!");
  }

  @Test
  void echoModelRepeatsTheTextPartsOfArrayContent() {
    String body = """
        {"model":"my-echo","messages":[{"role":"user","content":[
          {"type":"text","text":"What is in"},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}},
          {"type":"text","text":"this picture?"}]}]}""";

    assertThat(content(harness.chat(body))).isEqualTo("What is in\nthis picture?");
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() {
    JsonNode cut = harness.chat(chat("sim-fast", "A long answer please", "\"max_tokens\":3")).json();
    JsonNode cutNew = harness.chat(chat("sim-fast", "A long answer please", "\"max_completion_tokens\":5")).json();
    JsonNode roomy = harness.chat(chat("sim-fast", "A long answer please", "\"max_tokens\":1000")).json();

    assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    assertThat(cutNew.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(roomy.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    String full = roomy.at("/choices/0/message/content").asText();
    assertThat(full).startsWith(cutNew.at("/choices/0/message/content").asText());
  }

  @Test
  void echoIsCutByMaxTokensToo() {
    JsonNode body = harness.chat(chat("sim-echo", "one two three four five", "\"max_tokens\":2")).json();

    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("one two");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void nGivesThatManyChoicesCountedInUsage() {
    JsonNode one = harness.chat(chat("sim-fast", "Pick", "")).json();
    JsonNode three = harness.chat(chat("sim-fast", "Pick", "\"n\":3")).json();

    assertThat(three.path("choices")).hasSize(3);
    assertThat(three.at("/choices/2/index").asInt()).isEqualTo(2);
    assertThat(three.at("/choices/0/message/content").asText())
        .isEqualTo(one.at("/choices/0/message/content").asText());
    int sum = 0;
    for (JsonNode choice : three.path("choices")) {
      sum += Tokens.count(choice.at("/message/content").asText());
    }
    assertThat(three.at("/usage/completion_tokens").asInt()).isEqualTo(sum);
  }

  @Test
  void streamSendsRoleThenOneChunkPerTokenThenFinishThenDone() {
    Answer plain = harness.chat(chat("sim-fast", "Stream me", ""));
    Answer stream = harness.chat(chat("sim-fast", "Stream me", "\"stream\":true"));

    assertThat(stream.headers().get("content-type")).startsWith("text/event-stream");
    List<String> data = stream.eventData();
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = stream.chunkJson();
    JsonNode first = chunks.get(0);
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("id").asText()).startsWith("chatcmpl-");
    assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(first.at("/choices/0/delta/content").asText()).isEmpty();
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.at("/choices/0/delta").isEmpty()).isTrue();
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.path("id").asText()).isEqualTo(first.path("id").asText());
      assertThat(chunk.has("usage")).as("usage field without include_usage").isFalse();
    });
    String content = plain.json().at("/choices/0/message/content").asText();
    assertThat(stream.streamedContent()).isEqualTo(content);
    int tokens = plain.json().at("/usage/completion_tokens").asInt();
    assertThat(chunks).hasSize(tokens + 2);
  }

  @Test
  void usageChunkComesOnlyWhenAskedAndMatchesThePlainAnswer() {
    Answer plain = harness.chat(chat("sim-fast", "Count me", ""));
    Answer stream = harness.chat(chat("sim-fast", "Count me",
        "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    List<JsonNode> chunks = stream.chunkJson();
    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.path("choices").isArray()).isTrue();
    assertThat(usageChunk.path("choices")).isEmpty();
    assertThat(usageChunk.path("usage")).isEqualTo(plain.json().path("usage"));
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> {
      assertThat(chunk.has("usage")).isTrue();
      assertThat(chunk.get("usage").isNull()).isTrue();
    });
    assertThat(stream.eventData().get(stream.eventData().size() - 1)).isEqualTo("[DONE]");
  }

  @Test
  void offeredToolsGetACallWithArgumentsFromTheSchema() {
    JsonNode body = harness.chat(chat("sim-fast", "Weather in Paris?", TOOLS)).json();

    JsonNode choice = body.at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.at("/message/content").isNull()).isTrue();
    JsonNode call = choice.at("/message/tool_calls/0");
    assertThat(call.path("id").asText()).matches("call_[A-Za-z0-9]{24}");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
    JsonNode arguments = parse(call.at("/function/arguments").asText());
    assertThat(arguments.path("city").asText()).isEqualTo("example");
    assertThat(arguments.path("unit").asText()).isEqualTo("celsius");
    assertThat(arguments.path("days").isInt()).isTrue();
    assertThat(arguments.path("alerts").isBoolean()).isTrue();
    assertThat(arguments.at("/where/lat").isNumber()).isTrue();
    assertThat(arguments.has("note")).as("optional property").isFalse();
    assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
  }

  @Test
  void toolChoiceNamesTheToolOrForbidsCalls() {
    JsonNode named = harness.chat(chat("sim-fast", "Time?", TOOLS
        + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}")).json();
    JsonNode none = harness.chat(chat("sim-fast", "Time?", TOOLS + ",\"tool_choice\":\"none\"")).json();

    assertThat(named.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("get_time");
    assertThat(named.at("/choices/0/message/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
    assertThat(none.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(none.at("/choices/0/message").has("tool_calls")).isFalse();
  }

  @Test
  void afterAToolResultTheModelAnswersInText() {
    String body = """
        {"model":"sim-fast","messages":[
          {"role":"user","content":"Weather?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"get_weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
        """ + TOOLS + "}";

    JsonNode answer = harness.chat(body).json();

    assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(answer.at("/choices/0/message/content").asText()).isNotBlank();
  }

  @Test
  void aSystemReminderAfterTheUsersMessageStillGetsAToolCall() {
    String body = """
        {"model":"sim-fast","messages":[
          {"role":"user","content":"Weather?"},
          {"role":"system","content":"Reminder: use the tools."}],
        """ + TOOLS + "}";

    JsonNode answer = harness.chat(body).json();

    assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void aSystemReminderAfterAToolResultStillGetsText() {
    String body = """
        {"model":"sim-fast","messages":[
          {"role":"user","content":"Weather?"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"get_weather","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"sunny"},
          {"role":"developer","content":"Reminder: be brief."}],
        """ + TOOLS + "}";

    JsonNode answer = harness.chat(body).json();

    assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void streamedToolCallSendsArgumentsInFragmentsLikeOpenAi() {
    JsonNode plain = harness.chat(chat("sim-fast", "Weather in Paris?", TOOLS)).json();
    Answer stream = harness.chat(chat("sim-fast", "Weather in Paris?", TOOLS
        + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    List<JsonNode> chunks = stream.chunkJson();
    JsonNode head = chunks.get(0).at("/choices/0/delta");
    assertThat(head.path("role").asText()).isEqualTo("assistant");
    assertThat(head.get("content").isNull()).isTrue();
    JsonNode headCall = head.at("/tool_calls/0");
    assertThat(headCall.path("index").asInt()).isZero();
    assertThat(headCall.path("id").asText()).startsWith("call_");
    assertThat(headCall.path("type").asText()).isEqualTo("function");
    assertThat(headCall.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(headCall.at("/function/arguments").asText()).isEmpty();

    List<JsonNode> fragments = chunks.subList(1, chunks.size() - 2);
    assertThat(fragments).hasSizeGreaterThan(3);
    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : fragments) {
      JsonNode delta = chunk.at("/choices/0/delta");
      assertThat(fieldNames(delta)).containsExactly("tool_calls");
      JsonNode call = delta.at("/tool_calls/0");
      assertThat(fieldNames(call)).containsExactly("index", "function");
      assertThat(fieldNames(call.path("function"))).containsExactly("arguments");
      arguments.append(call.at("/function/arguments").asText());
    }
    String full = plain.at("/choices/0/message/tool_calls/0/function/arguments").asText();
    assertThat(arguments.toString()).isEqualTo(full);
    assertThat(parse(arguments.toString())).isEqualTo(parse(full));
    assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(chunks.get(chunks.size() - 1).path("usage")).isEqualTo(plain.path("usage"));
  }

  @Test
  void malformedOrIncompleteRequestsGetOpenAiErrors() {
    Answer broken = harness.chat("{\"model\":\"sim-fast\",\"messages\":[");
    Answer noMessages = harness.chat("{\"model\":\"sim-fast\"}");
    Answer badN = harness.chat(chat("sim-fast", "x", "\"n\":0"));

    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(noMessages.status()).isEqualTo(400);
    assertThat(noMessages.json().at("/error/param").asText()).isEqualTo("messages");
    assertThat(badN.status()).isEqualTo(400);
    assertThat(badN.json().at("/error/param").asText()).isEqualTo("n");
  }

  @Test
  void unknownPathGets404() {
    Answer answer = harness.call(SimulatorHarness.provider(), "/images/generations", "{}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().at("/error/message").asText()).contains("/images/generations");
  }

  static final String TOOLS = """
      "tools":[
        {"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
          "properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},
            "days":{"type":"integer"},"alerts":{"type":["boolean","null"]},"note":{"type":"string"},
            "where":{"type":"object","properties":{"lat":{"type":"number"}},"required":["lat"]}},
          "required":["city","unit","days","alerts","where"]}}},
        {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]""";

  private static String content(Answer answer) {
    return answer.json().at("/choices/0/message/content").asText();
  }

  private static JsonNode parse(String json) {
    try {
      return SimulatorHarness.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
