package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.testing.ClaudeCodeCapture;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.GeminiSdk;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic SDK (as Claude Code uses it) on Gemini models: Messages translated to generateContent and back. */
class AnthropicClientOnGeminiIT {
  private static final String UPSTREAM_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;
  private static AnthropicClient client;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: google, kind: gemini, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
        models:
          - {name: gemini-3.1-pro, targets: [{provider: google, model: gemini-3.1-pro}]}
        routing:                # one try per target: what is tested here is each error as it came
          retry: {attempts: 1}
        """.formatted(upstream.port(), UPSTREAM_KEY));
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
    upstream.close();
  }

  @BeforeEach
  void reset() {
    upstream.reset();
  }

  @Test
  void aPlainAnswerComesBackAsAnAnthropicMessage() {
    upstream.enqueue(Fixtures.load("gemini", "generate-text"));

    Message message = client.messages().create(MessageCreateParams.builder()
        .model("gemini-3.1-pro")
        .maxTokens(1024)
        .system("You are a chatbot.")
        .addUserMessage("Hello!")
        .build());

    assertThat(message.model().asString()).isEqualTo("gemini-3.1-pro");
    assertThat(message.id()).startsWith("msg_");
    assertThat(message.content().get(0).asText().text()).isEqualTo("Hello! How can I help you today?");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isEqualTo(9);
    assertThat(message.usage().outputTokens()).isEqualTo(9 + 34);
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-3.1-pro:generateContent");
    JsonNode sent = GeminiSdk.acceptedRequest(received.body());
    assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a chatbot.");
    assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(1024);
  }

  @Test
  void aStreamedFunctionCallArrivesAsAToolUseBlockWithItsSignatureAsThinking() {
    upstream.enqueue(UpstreamReply.of(Fixtures.load("gemini", "function-call-stream-thought-signature").exchange(0)));

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
        MessageCreateParams.builder()
            .model("gemini-3.1-pro")
            .maxTokens(1024)
            .addUserMessage("What is the capital of the user country? Call the tool")
            .addTool(Tool.builder().name("get_country").inputSchema(Tool.InputSchema.builder()
                .properties(JsonValue.from(Map.of())).build()).build())
            .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    ContentBlock toolUse = message.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow();
    assertThat(toolUse.asToolUse().name()).isEqualTo("get_country");
    assertThat(toolUse.asToolUse().id()).isNotBlank();
    JsonNode sent = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    assertThat(sent.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_country");

    // Claude Code sends the assistant turn back as it got it: the signature must reach Gemini again.
    upstream.enqueue(Fixtures.load("gemini", "generate-text"));
    client.messages().create(MessageCreateParams.builder()
        .model("gemini-3.1-pro")
        .maxTokens(1024)
        .addUserMessage("What is the capital of the user country? Call the tool")
        .addMessage(message.toParam())
        .addUserMessageOfContentBlockParams(java.util.List.of(com.anthropic.models.messages.ContentBlockParam.ofToolResult(
            com.anthropic.models.messages.ToolResultBlockParam.builder().toolUseId(toolUse.asToolUse().id())
                .content("France").build())))
        .build());
    JsonNode second = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    JsonNode call = second.at("/contents/1/parts/0");
    assertThat(call.at("/functionCall/name").asText()).isEqualTo("get_country");
    assertThat(call.path("thoughtSignature").asText()).startsWith("EpwICpkIAXLI2nxl");
    assertThat(second.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_country");
  }

  @Test
  void aStreamedAnswerAccumulatesIntoAMessageWithUsage() {
    upstream.enqueue(Fixtures.load("gemini", "stream-text-sse"));

    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
        MessageCreateParams.builder().model("gemini-3.1-pro").maxTokens(256)
            .addUserMessage("What is the capital of France?").build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    Message message = accumulator.message();
    assertThat(message.content().get(0).asText().text()).isEqualTo("The capital of France is Paris.\n");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    assertThat(message.usage().outputTokens()).isEqualTo(8);
    assertThat(upstream.takeRequest().path()).isEqualTo("/v1beta/models/gemini-3.1-pro:streamGenerateContent?alt=sse");
  }

  @Test
  void claudeCodesOwnRequestReachesGeminiWithItsLaterSystemMessageAsUserTextAndNoThoughtText() {
    upstream.enqueue(Fixtures.load("gemini", "stream-text-sse"));

    HttpResult answer = gateway.post("/anthropic/v1/messages?beta=true", GatewayHarness.MASTER_KEY,
        new String(ClaudeCodeCapture.requestFor("gemini-3.1-pro"), StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("message_stop").contains(" capital of France");
    assertThat(answer.header("x-switchyard-dropped-fields"))
        .contains("items[2] (system role: after the conversation began it goes as user text at its place")
        .contains("tools[10].defer_loading");
    JsonNode sent = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    assertThat(sent.at("/systemInstruction/parts")).hasSize(3);
    assertThat(sent.path("contents")).hasSize(1);
    assertThat(sent.at("/contents/0/parts/1/text").asText()).isEqualTo("Say hello");
    assertThat(sent.at("/contents/0/parts/2/text").asText()).startsWith("# Environment");
    assertThat(sent.at("/generationConfig/thinkingConfig").toString())
        .isEqualTo("{\"thinkingLevel\":\"high\",\"includeThoughts\":false}");
  }

  @Test
  void countTokensOnAGeminiModelIsCountedByGemini() {
    upstream.enqueue(UpstreamReply.json(200, "{\"totalTokens\":31,\"promptTokensDetails\":[]}"));

    MessageTokensCount count = client.messages().countTokens(MessageCountTokensParams.builder()
        .model("gemini-3.1-pro")
        .system("Be brief.")
        .addUserMessage("How many tokens is this?")
        .build());

    assertThat(count.inputTokens()).isEqualTo(31);
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-3.1-pro:countTokens");
    JsonNode whole = received.json().path("generateContentRequest");
    assertThat(whole.path("model").asText()).isEqualTo("models/gemini-3.1-pro");
    assertThat(whole.at("/contents/0/parts/0/text").asText()).isEqualTo("How many tokens is this?");
    assertThat(whole.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
  }

  @Test
  void geminiErrorsReachTheSdkAsAnthropicErrors() {
    upstream.enqueue(Fixtures.load("gemini", "error-404-model-not-found"));
    assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
        .model("gemini-3.1-pro").maxTokens(10).addUserMessage("hi").build()))
        .isInstanceOf(NotFoundException.class);

    upstream.enqueue(Fixtures.load("gemini", "error-429-resource-exhausted"));
    assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
        .model("gemini-3.1-pro").maxTokens(10).addUserMessage("hi").build()))
        .isInstanceOf(RateLimitException.class);
  }
}
