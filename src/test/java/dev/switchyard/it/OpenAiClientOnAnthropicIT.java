package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI SDK clients on a Claude model: requests translated to Anthropic's Messages API and back. */
class OpenAiClientOnAnthropicIT {
  private static final String UPSTREAM_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: anthropic
            kind: anthropic
            base_url: http://127.0.0.1:%d
            api_keys: ["%s"]
        models:
          - {name: claude, targets: [{provider: anthropic, model: claude-sonnet-4-5}]}
        routing:                # one try per target: what is tested here is each error as it came
          retry: {attempts: 1}
        """.formatted(upstream.port(), UPSTREAM_KEY));
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
  void aPlainAnswerComesBackInOpenAisShapeAndTheUpstreamGetsAValidMessagesRequest() throws IOException {
    Fixtures.Case recorded = Fixtures.load("anthropic", "messages-text");
    upstream.enqueue(recorded);

    ChatCompletion completion = gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude")
        .addSystemMessage("You are a helpful assistant.")
        .addUserMessage("What is the capital of France?")
        .maxCompletionTokens(200)
        .build());

    assertThat(completion.model()).isEqualTo("claude");
    assertThat(completion.choices().get(0).message().content()).contains("The capital of France is Paris.");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(20);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(10);

    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/messages");
    assertThat(received.header("x-api-key")).isEqualTo(UPSTREAM_KEY);
    assertThat(received.header("anthropic-version")).isNotBlank();
    assertThat(received.header("authorization")).isNull();
    MessageCreateParams.Body body = com.anthropic.core.ObjectMappers.jsonMapper()
        .readValue(received.body(), MessageCreateParams.Body.class).validate();
    assertThat(body.model().asString()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.maxTokens()).isEqualTo(200);
    assertThat(received.json().at("/system").toString()).contains("You are a helpful assistant.");
  }

  @Test
  void streamedThinkingAndAToolCallArriveAsReasoningAndAnOpenAiToolCall() {
    Fixtures.Exchange recorded = Fixtures.load("anthropic", "messages-thinking-tool-use-stream").exchange(0);
    upstream.enqueue(UpstreamReply.of(recorded));

    ChatCompletion completion = accumulate(ChatCompletionCreateParams.builder()
        .model("claude")
        .addUserMessage("What version is it? Then make a joke.")
        .reasoningEffort(com.openai.models.ReasoningEffort.LOW)
        .build());

    ChatCompletionMessage message = completion.choices().get(0).message();
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageToolCall> calls = message.toolCalls().orElseThrow();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("fixed_version");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{}");
    assertThat(message.content().orElse("")).doesNotContain("The user wants me to");
    JsonNode sent = upstream.takeRequest().json();
    assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
    assertThat(sent.at("/stream").asBoolean()).isTrue();
  }

  @Test
  void parallelToolCallsStreamUnderTheirOwnIndexes() {
    Fixtures.Exchange recorded = Fixtures.load("anthropic", "messages-tool-use-parallel-stream").exchange(0);
    upstream.enqueue(UpstreamReply.of(recorded));

    ChatCompletion completion = accumulate(ChatCompletionCreateParams.builder()
        .model("claude")
        .addUserMessage("Two pelican names, in parallel.")
        .build());

    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(2);
    assertThat(calls).allSatisfy(call -> {
      assertThat(call.asFunction().function().name()).isEqualTo("pelican_name_generator");
      assertThat(call.asFunction().function().arguments()).isEqualTo("{}");
    });
    assertThat(calls.get(0).asFunction().id()).isNotEqualTo(calls.get(1).asFunction().id());
  }

  @Test
  void promptCacheUsageIsMeteredAndShownAsCachedPromptTokens() {
    upstream.enqueue(Fixtures.load("anthropic", "messages-cache-usage"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/usage/prompt_tokens").asLong()).isEqualTo(3 + 418 + 1111);
    assertThat(answer.json().at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(1111);
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    Usage usage = record.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(1532);
    assertThat(usage.cachedInputTokens()).isEqualTo(1111);
    assertThat(usage.cacheCreationInputTokens()).isEqualTo(418);
  }

  @Test
  void anthropicErrorsReachTheSdkAsOpenAiErrors() {
    upstream.enqueue(Fixtures.load("anthropic", "messages-error-404-not-found"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude").addUserMessage("hi").build()))
        .isInstanceOf(NotFoundException.class);

    upstream.enqueue(UpstreamReply.json(529,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("claude").addUserMessage("hi").build()))
        .isInstanceOf(InternalServerException.class)
        .satisfies(e -> assertThat(((InternalServerException) e).statusCode()).isEqualTo(503));

    upstream.enqueue(UpstreamReply.json(401,
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
    HttpResult refused = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.json().at("/error/message").asText()).contains("anthropic");
  }

  @Test
  void fieldsWithNoAnthropicEquivalentAreNamedInAHeaderNotDroppedSilently() {
    upstream.enqueue(Fixtures.load("anthropic", "messages-text"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude\",\"logit_bias\":{\"50256\":-100},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("x-switchyard-dropped-fields")).contains("logit_bias");
  }

  private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = gateway.openAi().chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.chatCompletion();
  }
}
