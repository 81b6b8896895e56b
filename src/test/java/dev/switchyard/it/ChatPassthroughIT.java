package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.JsonBytes;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.OpenAiSpec;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Non-streamed chat completions through the official SDK, against recorded OpenAI answers. */
class ChatPassthroughIT {
  private static final String UPSTREAM_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: openai
            kind: openai
            base_url: %s
            api_keys: ["%s"]
        models:
          - {name: gpt-4o, targets: [{provider: openai, model: gpt-4o-2024-08-06}]}
          - {name: gpt-4o-mini, targets: [{provider: openai, model: gpt-4o-mini-2024-07-18}]}
          - {name: gpt-5-mini, targets: [{provider: openai, model: gpt-5-mini-2025-08-07}]}
        """.formatted(upstream.baseUrl(), UPSTREAM_KEY));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void resetUpstream() {
    upstream.reset();
  }

  @Test
  void sdkGetsTheRecordedAnswerWhileUpstreamGetsTheSameBytesWithOnlyTheModelRenamed() {
    Fixtures.Case chat = Fixtures.load("openai", "chat-text");
    upstream.enqueue(chat);
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o")
        .addSystemMessage("You are a helpful assistant.")
        .addUserMessage("What is the capital of France?")
        .n(1)
        .putAdditionalBodyProperty("future_param", JsonValue.from(Map.of("x", List.of(1, 2.50, 1e3))))
        .build();

    ChatCompletion completion = gateway.openAi().chat().completions().create(params);

    JsonNode recorded = chat.first().responseJson();
    assertThat(completion.id()).isEqualTo(recorded.path("id").asText());
    assertThat(completion.model()).isEqualTo(recorded.path("model").asText());
    assertThat(completion.choices().get(0).message().content())
        .contains(recorded.at("/choices/0/message/content").asText());
    assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(recorded.at("/usage/total_tokens").asLong());

    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/v1/chat/completions");
    byte[] sent = gateway.lastSdkRequestBody();
    assertThat(new String(sent, StandardCharsets.UTF_8)).contains("\"future_param\"");
    assertThat(received.body()).isEqualTo(JsonBytes.renameModel(sent, "gpt-4o", "gpt-4o-2024-08-06"));
    assertThat(received.bodyText()).contains("\"future_param\":{\"x\":[1,2.5,1000.0]}");
    OpenAiSpec.assertChatRequest(received.body());
  }

  @Test
  void unusualJsonReachesUpstreamByteForByteAndTheAnswerComesBackByteForByte() {
    Fixtures.Case chat = Fixtures.load("openai", "chat-text");
    upstream.enqueue(chat);
    String body = "{ \"messages\" : [ {\"role\":\"user\", \"content\":\"caf\\u00e9 \\\"quoted\\\" \u00fc\u4e2d"
        + " \ud83d\ude00\"} ],\n\t\"model\" :  \"gpt-4o\" , \"temperature\": 0.50,"
        + " \"future_param\": {\"x\": [1, 2.50, 1e3, -0.0, 12345678901234567890]}, \"n\":1 }  ";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, bytes, Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(chat.first().response().body());
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.body()).isEqualTo(JsonBytes.renameModel(bytes, "gpt-4o", "gpt-4o-2024-08-06"));
    OpenAiSpec.assertChatRequest(received.body());
  }

  @Test
  void everyAnswerCarriesARequestIdAndTheGatewayOverhead() {
    upstream.enqueue(Fixtures.load("openai", "chat-text"));

    HttpResponseFor<ChatCompletion> raw = gateway.openAi().chat().completions().withRawResponse()
        .create(simpleQuestion("gpt-4o"));

    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().values("x-request-id")).singleElement().asString().isNotBlank();
    assertThat(raw.headers().values("x-switchyard-overhead-us")).singleElement().asString().matches("\\d+");
    assertThat(raw.parse().choices()).hasSize(1);
  }

  @Test
  void usageRecordHoldsTheRecordedTokenCounts() {
    Fixtures.Case chat = Fixtures.load("openai", "chat-text");
    upstream.enqueue(chat);

    HttpResponseFor<ChatCompletion> raw = gateway.openAi().chat().completions().withRawResponse()
        .create(simpleQuestion("gpt-4o"));
    raw.parse();

    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    JsonNode usage = chat.first().responseJson().path("usage");
    assertThat(record.usage()).contains(new Usage(usage.path("prompt_tokens").asLong(),
        usage.at("/prompt_tokens_details/cached_tokens").asLong(), 0, usage.path("completion_tokens").asLong(),
        usage.at("/completion_tokens_details/reasoning_tokens").asLong()));
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
    assertThat(record.model()).isEqualTo("gpt-4o");
    assertThat(record.upstreamModel()).contains("gpt-4o-2024-08-06");
    assertThat(record.provider()).contains("openai");
    assertThat(record.keyId()).isEqualTo("master");
    assertThat(record.endpoint()).isEqualTo("chat.completions");
    assertThat(record.stream()).isFalse();
    assertThat(record.status()).isEqualTo(200);
    assertThat(record.attempts()).isEqualTo(1);
  }

  @Test
  void upstreamGetsTheProviderKeyAndNeverTheClientsKey() {
    upstream.enqueue(Fixtures.load("openai", "chat-text"));

    gateway.openAi().chat().completions().create(simpleQuestion("gpt-4o"));

    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.header("authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
    assertThat(received.headers().toString()).doesNotContain(GatewayHarness.MASTER_KEY);
    assertThat(received.bodyText()).doesNotContain(GatewayHarness.MASTER_KEY);
  }

  @Test
  void multiTurnToolCallsRoundTripThroughTheSdk() throws IOException {
    Fixtures.Case conversation = Fixtures.load("openai", "chat-tool-calls-multi-turn");
    upstream.enqueue(conversation);
    JsonNode firstRequest = conversation.exchange(0).request();
    ChatCompletionCreateParams.Body recordedFirst = ObjectMappers.jsonMapper()
        .readValue(Fixtures.compact(firstRequest), ChatCompletionCreateParams.Body.class);
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().body(recordedFirst);

    List<String> answers = new ArrayList<>();
    for (int turn = 0; turn < conversation.exchanges().size(); turn++) {
      ChatCompletion completion = gateway.openAi().chat().completions().create(params.build());
      ReceivedRequest received = upstream.takeRequest();
      OpenAiSpec.assertChatRequest(received.body());
      JsonNode recordedRequest = conversation.exchange(turn).request();
      assertThat(received.json().path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
      assertThat(roles(received.json())).isEqualTo(roles(recordedRequest));
      assertThat(toolCallIds(received.json())).isEqualTo(toolCallIds(recordedRequest));

      ChatCompletionMessage message = completion.choices().get(0).message();
      JsonNode recordedMessage = conversation.exchange(turn).responseJson().at("/choices/0/message");
      if (message.toolCalls().isEmpty() || message.toolCalls().get().isEmpty()) {
        answers.add(message.content().orElseThrow());
        break;
      }
      ChatCompletionMessageFunctionToolCall call = message.toolCalls().get().get(0).asFunction();
      assertThat(call.id()).isEqualTo(recordedMessage.at("/tool_calls/0/id").asText());
      assertThat(call.function().arguments())
          .isEqualTo(recordedMessage.at("/tool_calls/0/function/arguments").asText());
      // The tool's result as the recorded client gave it in the next turn.
      JsonNode nextMessages = conversation.exchange(turn + 1).request().path("messages");
      String toolResult = nextMessages.get(nextMessages.size() - 1).path("content").asText();
      params.addMessage(message).addMessage(ChatCompletionToolMessageParam.builder()
          .toolCallId(call.id()).content(toolResult).build());
    }

    assertThat(answers).containsExactly(
        conversation.exchange(conversation.exchanges().size() - 1).responseJson()
            .at("/choices/0/message/content").asText());
  }

  @Test
  void jsonSchemaResponseFormatPassesThroughAndTheAnswerParses() throws IOException {
    Fixtures.Case jsonSchema = Fixtures.load("openai", "chat-json-schema");
    Fixtures.Exchange last = jsonSchema.exchange(1);
    upstream.enqueue(UpstreamReply.of(last));
    ChatCompletionCreateParams.Body recorded = ObjectMappers.jsonMapper()
        .readValue(last.requestBytes(), ChatCompletionCreateParams.Body.class);

    ChatCompletion completion = gateway.openAi().chat().completions()
        .create(ChatCompletionCreateParams.builder().body(recorded).build());

    ReceivedRequest received = upstream.takeRequest();
    OpenAiSpec.assertChatRequest(received.body());
    assertThat(received.json().path("response_format")).isEqualTo(last.request().path("response_format"));
    assertThat(received.json().path("tools")).isEqualTo(last.request().path("tools"));
    String content = completion.choices().get(0).message().content().orElseThrow();
    JsonNode answer = Fixtures.JSON.readTree(content);
    assertThat(answer.path("city").asText()).isEqualTo("Mexico City");
    assertThat(answer.path("country").asText()).isEqualTo("Mexico");
  }

  @Test
  void reasoningTokensAreMetered() throws IOException {
    Fixtures.Case reasoning = Fixtures.load("openai", "chat-reasoning-tokens");
    Fixtures.Exchange second = reasoning.exchange(1);
    upstream.enqueue(UpstreamReply.of(second));
    ChatCompletionCreateParams.Body recorded = ObjectMappers.jsonMapper()
        .readValue(second.requestBytes(), ChatCompletionCreateParams.Body.class);

    HttpResponseFor<ChatCompletion> raw = gateway.openAi().chat().completions().withRawResponse()
        .create(ChatCompletionCreateParams.builder().body(recorded).build());
    ChatCompletion completion = raw.parse();

    OpenAiSpec.assertChatRequest(upstream.takeRequest().body());
    JsonNode usage = second.responseJson().path("usage");
    long reasoningTokens = usage.at("/completion_tokens_details/reasoning_tokens").asLong();
    assertThat(reasoningTokens).isPositive();
    assertThat(completion.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens())
        .contains(reasoningTokens);
    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    assertThat(record.usage().orElseThrow().reasoningTokens()).isEqualTo(reasoningTokens);
    assertThat(record.usage().orElseThrow().outputTokens()).isEqualTo(usage.path("completion_tokens").asLong());
    assertThat(record.usage().orElseThrow().inputTokens()).isEqualTo(usage.path("prompt_tokens").asLong());
  }

  @Test
  void upstreamBreakingOffMidBodyIsMeteredAsInterrupted() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text").first();
    upstream.enqueue(UpstreamReply.of(recorded).closeAfter(40));

    String requestId = "cut-" + System.nanoTime();
    try {
      HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
          "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
              .getBytes(StandardCharsets.UTF_8), Map.of("x-request-id", requestId));
      // A client may see the head and a truncated body, but never a complete-looking answer.
      assertThat(answer.body()).isNotEqualTo(recorded.response().body());
    } catch (IllegalStateException expected) {
      // the connection was reset mid-body: what a client should see
    }

    UsageRecord record = gateway.usage().await(requestId);
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.INTERRUPTED);
    assertThat(record.usage()).isEmpty();
  }

  @Test
  void theSpecOracleRejectsABodyOpenAiWouldReject() {
    byte[] broken = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"robot\",\"content\":1}],\"n\":\"2\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(OpenAiSpec.problems("CreateChatCompletionRequest", broken))
        .anyMatch(p -> p.contains("/messages/0"))
        .anyMatch(p -> p.contains("/n"));
  }

  private static ChatCompletionCreateParams simpleQuestion(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the capital of France?").build();
  }

  private static List<String> roles(JsonNode request) {
    List<String> roles = new ArrayList<>();
    request.path("messages").forEach(m -> roles.add(m.path("role").asText()));
    return roles;
  }

  private static List<String> toolCallIds(JsonNode request) {
    List<String> ids = new ArrayList<>();
    request.path("messages").forEach(m -> {
      m.path("tool_calls").forEach(c -> ids.add("call:" + c.path("id").asText()));
      if (m.has("tool_call_id")) {
        ids.add("result:" + m.path("tool_call_id").asText());
      }
    });
    return ids;
  }
}
