package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.ClaudeCodeCapture;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.Sse;
import dev.switchyard.testing.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic SDK on {@code /anthropic}: passthrough to a Claude provider, translated to
 * an OpenAI provider and to the simulator.
 */
class AnthropicClientIT {
  private static final String ANTHROPIC_KEY = LeakGuard.newUpstreamKey();
  private static final String OPENAI_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream anthropic;
  private static FakeUpstream openai;
  private static GatewayHarness gateway;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    anthropic = FakeUpstream.start();
    openai = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: claude, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
          - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: sim, kind: simulator}
        models:
          - {name: claude-sonnet, targets: [{provider: claude, model: claude-sonnet-4-5}]}
          - {name: gpt-4o-mini, targets: [{provider: openai, model: gpt-4o-mini-2024-07-18}]}
          - {name: sim-echo, targets: [{provider: sim, model: sim-echo}]}
        """.formatted(anthropic.port(), ANTHROPIC_KEY, openai.baseUrl(), OPENAI_KEY));
    client = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.baseUrl() + "/anthropic")
        .apiKey(GatewayHarness.MASTER_KEY)
        .maxRetries(0)
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
    anthropic.close();
    openai.close();
  }

  @BeforeEach
  void reset() {
    anthropic.reset();
    openai.reset();
  }

  @Test
  void claudeModelsPassThroughWithOnlyTheModelRenamedAndTheProvidersOwnKey() {
    Fixtures.Case recorded = Fixtures.load("anthropic", "messages-text");
    anthropic.enqueue(recorded);

    Message message = client.messages().create(MessageCreateParams.builder()
        .model("claude-sonnet")
        .maxTokens(4096)
        .system("You are a helpful assistant.\n\n")
        .addUserMessage("What is the capital of France?")
        .putAdditionalBodyProperty("future_param", com.anthropic.core.JsonValue.from(Map.of("x", 1)))
        .build());

    assertThat(message.content().get(0).asText().text()).isEqualTo("The capital of France is Paris.");
    assertThat(message.id()).isEqualTo(recorded.first().responseJson().path("id").asText());
    ReceivedRequest received = anthropic.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/messages");
    assertThat(received.header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
    assertThat(received.header("anthropic-version")).isNotBlank();
    assertThat(received.json().path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(received.json().path("future_param").path("x").asInt()).isEqualTo(1);
  }

  @Test
  void aClaudeStreamIsRelayedEventByEventAndMetered() {
    Fixtures.Exchange recorded = Fixtures.load("anthropic", "messages-text-stream").first();
    anthropic.enqueue(UpstreamReply.of(recorded));

    HttpResult answer = gateway.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude-sonnet\",\"max_tokens\":100,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.usage()).isPresent();
    assertThat(record.usage().get().outputTokens()).isPositive();
  }

  @Test
  void anOpenAiModelAnswersInAnthropicsShape() {
    openai.enqueue(Fixtures.load("openai", "chat-text"));

    Message message = client.messages().create(MessageCreateParams.builder()
        .model("gpt-4o-mini")
        .maxTokens(256)
        .addUserMessage("What is the capital of France?")
        .build());

    assertThat(message.model().asString()).isEqualTo("gpt-4o-mini");
    assertThat(message.content().get(0).asText().text()).isNotBlank();
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    JsonNode sent = openai.takeRequest().json();
    assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("user");
    assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(256); // OpenAI's own name; compatible servers get max_tokens
  }

  @Test
  void anOpenAiToolCallStreamBecomesAnthropicToolUseEvents() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-tool-call-stream").exchange(0);
    openai.enqueue(UpstreamReply.of(recorded));

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
        MessageCreateParams.builder()
            .model("gpt-4o-mini")
            .maxTokens(256)
            .addUserMessage("What is the capital of the UK?")
            .addTool(Tool.builder().name("get_capital")
                .inputSchema(Tool.InputSchema.builder().properties(com.anthropic.core.JsonValue.from(
                    Map.of("country", Map.of("type", "string")))).build())
                .build())
            .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    List<ContentBlock> toolUses = message.content().stream().filter(ContentBlock::isToolUse).toList();
    assertThat(toolUses).hasSize(1);
    assertThat(toolUses.get(0).asToolUse().name()).isEqualTo("get_capital");
    assertThat(toolUses.get(0).asToolUse()._input().toString()).contains("UK");
  }

  @Test
  void claudeCodesOwnRequestIsAnsweredByAnOpenAiModelNamingWhatItDropped() {
    openai.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text-stream-usage").first()));

    HttpResult answer = gateway.post("/anthropic/v1/messages?beta=true", GatewayHarness.MASTER_KEY,
        new String(ClaudeCodeCapture.requestFor("gpt-4o-mini"), StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("x-switchyard-dropped-fields"))
        .contains("cache_control (on blocks)").contains("tools[10].defer_loading")
        .doesNotContain("context_management");
    MessageAccumulator accumulator = MessageAccumulator.create();
    Sse.data(answer.body()).forEach(data -> accumulator.accumulate(anthropicEvent(data)));
    assertThat(accumulator.message().content().get(0).asText().text()).isNotBlank();
    JsonNode sent = openai.takeRequest().json();
    assertThat(sent.path("messages").findValuesAsText("role")).containsExactly("system", "user", "system");
    assertThat(sent.at("/messages/2/content").asText()).startsWith("# Environment");
    assertThat(sent.path("reasoning_effort").asText()).isEqualTo("high");
    assertThat(sent.path("tools")).hasSize(12);
  }

  private static RawMessageStreamEvent anthropicEvent(String data) {
    try {
      return com.anthropic.core.ObjectMappers.jsonMapper().readValue(data, RawMessageStreamEvent.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theSimulatorServesAnthropicClientsToo() {
    Message message = client.messages().create(MessageCreateParams.builder()
        .model("sim-echo")
        .maxTokens(64)
        .addUserMessage("echo me back")
        .build());

    assertThat(message.content().get(0).asText().text()).isEqualTo("echo me back");
    UsageRecord record = gateway.usage().await(r -> r.model().equals("sim-echo"), "the simulator's record");
    Usage usage = record.usage().orElseThrow();
    assertThat(usage.outputTokens()).isPositive();
  }

  @Test
  void errorsComeBackInAnthropicsShape() {
    assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
        .model("no-such-model").maxTokens(10).addUserMessage("hi").build()))
        .isInstanceOf(NotFoundException.class);

    AnthropicClient stranger = AnthropicOkHttpClient.builder()
        .baseUrl(gateway.baseUrl() + "/anthropic").apiKey("sk-sy-not-a-key").maxRetries(0).build();
    assertThatThrownBy(() -> stranger.messages().create(MessageCreateParams.builder()
        .model("claude-sonnet").maxTokens(10).addUserMessage("hi").build()))
        .isInstanceOf(UnauthorizedException.class);
    stranger.close();

    HttpResult missingMaxTokens = gateway.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(missingMaxTokens.status()).isEqualTo(400);
    assertThat(missingMaxTokens.json().path("type").asText()).isEqualTo("error");
    assertThat(missingMaxTokens.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(missingMaxTokens.json().at("/error/message").asText()).contains("max_tokens");
  }

  @Test
  void countTokensPassesThroughToClaudeAndIsRefusedClearlyElsewhere() {
    anthropic.enqueue(UpstreamReply.json(200, "{\"input_tokens\":14}"));

    HttpResult counted = gateway.post("/anthropic/v1/messages/count_tokens?beta=true", GatewayHarness.MASTER_KEY,
        "{\"model\":\"claude-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(counted.status()).isEqualTo(200);
    assertThat(counted.json().path("input_tokens").asInt()).isEqualTo(14);
    ReceivedRequest received = anthropic.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/messages/count_tokens?beta=true");
    assertThat(received.json().path("model").asText()).isEqualTo("claude-sonnet-4-5");

    HttpResult elsewhere = gateway.post("/anthropic/v1/messages/count_tokens", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(elsewhere.json().at("/error/message").asText()).contains("openai");
  }
}
