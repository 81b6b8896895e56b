package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentConfig;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Model;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.OpenAiSpec;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google's GenAI SDK on the native {@code /gemini/v1beta} endpoints: passthrough to a Gemini
 * upstream, and translated to an OpenAI-speaking one.
 */
class GeminiClientIT {
  private static final String GEMINI_KEY = LeakGuard.newUpstreamKey();
  private static final String OPENAI_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream gemini;
  private static FakeUpstream openai;
  private static FakeUpstream anthropic;
  private static GatewayHarness gateway;
  private static Client client;

  @BeforeAll
  static void start() {
    gemini = FakeUpstream.start();
    openai = FakeUpstream.start();
    anthropic = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: google
            kind: gemini
            base_url: http://127.0.0.1:%d
            api_keys: ["%s"]
          - name: openai
            kind: openai
            base_url: %s
            api_keys: ["%s"]
          - {name: claude, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
        models:
          - {name: gemini-flash, targets: [{provider: google, model: gemini-2.5-flash}]}
          - {name: gemini-embedding-2, targets: [{provider: google, model: gemini-embedding-2}]}
          - {name: gpt, targets: [{provider: openai, model: gpt-4o}]}
          - {name: small-embed, targets: [{provider: openai, model: text-embedding-3-small}]}
          - {name: google/*, targets: [{provider: google, model: "*"}]}
          - {name: sonnet, targets: [{provider: claude, model: claude-sonnet-4-5}]}
          - {name: resilient, targets: [{provider: google, model: gemini-2.5-flash}, {provider: openai, model: gpt-4o}]}
        routing:                # one try per target: what is tested here is each error as it came
          retry: {attempts: 1}
        """.formatted(gemini.port(), GEMINI_KEY, openai.baseUrl(), OPENAI_KEY, anthropic.port(),
        LeakGuard.newUpstreamKey()));
    client = gateway.gemini();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    gemini.close();
    openai.close();
    anthropic.close();
  }

  @BeforeEach
  void resetUpstreams() {
    gemini.reset();
    openai.reset();
    anthropic.reset();
    gateway.usage().clear();
  }

  // ---- passthrough ----

  @Test
  void generateContentPassesThroughWithTheModelRenamedInTheUrlAndTheProvidersKey() {
    gemini.enqueue(Fixtures.load("gemini", "generate-text"));

    GenerateContentResponse response = client.models.generateContent("gemini-flash", "Hello!",
        GenerateContentConfig.builder()
            .systemInstruction(Content.fromParts(Part.fromText("You are a chatbot.")))
            .build());

    assertThat(response.text()).isEqualTo("Hello! How can I help you today?");
    ReceivedRequest received = gemini.takeRequest();
    assertThat(received.path()).matches("/v1(beta)?/models/gemini-2.5-flash:generateContent");
    assertThat(received.header("x-goog-api-key")).isEqualTo(GEMINI_KEY);
    assertThat(received.header("authorization")).isNull();
    assertThat(received.json().at("/contents/0/parts/0/text").asText()).isEqualTo("Hello!");
    assertThat(received.json().at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a chatbot.");
    UsageRecord record = gateway.usage().await(r -> r.endpoint().equals("gemini.generate_content"), "a usage record");
    Usage usage = record.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(9);
    assertThat(usage.outputTokens()).isEqualTo(9 + 34);
    assertThat(usage.reasoningTokens()).isEqualTo(34);
  }

  @Test
  void aStreamIsRelayedEventByEventAndItsFinalUsageMetered() {
    gemini.enqueue(Fixtures.load("gemini", "stream-text-sse"));

    StringBuilder text = new StringBuilder();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream("gemini-flash", "What is the capital of France?", null)) {
      for (GenerateContentResponse chunk : stream) {
        text.append(chunk.text());
      }
    }

    assertThat(text.toString()).isEqualTo("The capital of France is Paris.\n");
    ReceivedRequest received = gemini.takeRequest();
    assertThat(received.path()).matches("/v1(beta)?/models/gemini-2.5-flash:streamGenerateContent.*");
    assertThat(received.query()).contains("alt=sse").doesNotContain("key=");
    UsageRecord record = gateway.usage().await(
        r -> r.endpoint().equals("gemini.stream_generate_content"), "a stream usage record");
    assertThat(record.usage().orElseThrow().inputTokens()).isEqualTo(13);
    assertThat(record.usage().orElseThrow().outputTokens()).isEqualTo(8);
  }

  @Test
  void aJsonArrayStreamIsPipedThroughAndItsLastUsageMetered() {
    Fixtures.Exchange recorded = Fixtures.load("gemini", "stream-json-array-thoughts-tools").exchange(0);
    gemini.enqueue(UpstreamReply.of(recorded));

    HttpResult answer = gateway.post("/gemini/v1beta/models/gemini-flash:streamGenerateContent",
        GatewayHarness.MASTER_KEY, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Two names\"}]}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    assertThat(gemini.takeRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.usage()).isPresent();
    assertThat(record.usage().orElseThrow().inputTokens()).isPositive();
  }

  @Test
  void theKeyMayComeAsAQueryParameterAndNeverReachesTheUpstream() {
    gemini.enqueue(Fixtures.load("gemini", "generate-text"));

    HttpResult answer = gateway.post("/gemini/v1beta/models/gemini-flash:generateContent?key="
        + GatewayHarness.MASTER_KEY, null, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello!\"}]}]}");

    assertThat(answer.status()).isEqualTo(200);
    ReceivedRequest received = gemini.takeRequest();
    assertThat(received.query()).isNullOrEmpty();
    assertThat(received.bodyText()).doesNotContain(GatewayHarness.MASTER_KEY);
  }

  @Test
  void unknownFieldsAndThoughtSignaturesPassThroughUntouched() {
    gemini.enqueue(Fixtures.load("gemini", "generate-text"));
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},{\"role\":\"model\",\"parts\":"
        + "[{\"functionCall\":{\"name\":\"f\",\"args\":{\"x\":1.10}},\"thoughtSignature\":\"c2ln\"}]}],"
        + "\"futureField\":{\"a\":[1,2]}}";

    HttpResult answer = gateway.post("/gemini/v1beta/models/gemini-flash:generateContent",
        GatewayHarness.MASTER_KEY, body);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(gemini.takeRequest().bodyText()).isEqualTo(body);
  }

  @Test
  void aBatchEmbeddingPassesThrough() {
    gemini.enqueue(Fixtures.load("gemini", "embed-batch"));

    EmbedContentResponse response = client.models.embedContent("gemini-embedding-2",
        List.of("First text", "Second text"), EmbedContentConfig.builder().outputDimensionality(768).build());

    assertThat(response.embeddings().orElseThrow()).hasSize(2);
    assertThat(response.embeddings().orElseThrow().get(0).values().orElseThrow()).hasSize(768);
    ReceivedRequest received = gemini.takeRequest();
    assertThat(received.path()).matches("/v1(beta)?/models/gemini-embedding-2:batchEmbedContents");
  }

  @Test
  void aBatchEmbeddingOnAnAliasNamesTheUpstreamModelInsideTheBodyToo() {
    gemini.enqueue(Fixtures.load("gemini", "embed-batch"));

    HttpResult answer = gateway.post("/gemini/v1beta/models/google/gemini-embedding-2:batchEmbedContents",
        GatewayHarness.MASTER_KEY, "{\"requests\":[{\"model\":\"models/google/gemini-embedding-2\","
            + "\"content\":{\"parts\":[{\"text\":\"First text\"}]}}]}");

    assertThat(answer.status()).isEqualTo(200);
    ReceivedRequest received = gemini.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-embedding-2:batchEmbedContents");
    assertThat(received.json().at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-2");
  }

  @Test
  void countTokensPassesThroughToGemini() {
    gemini.enqueue(UpstreamReply.json(200, "{\"totalTokens\":7}"));

    CountTokensResponse counted = client.models.countTokens("gemini-flash", "How many tokens?", null);

    assertThat(counted.totalTokens()).contains(7);
    assertThat(gemini.takeRequest().path()).matches("/v1(beta)?/models/gemini-2.5-flash:countTokens");
  }

  @Test
  void onAClaudeModelTheRequestBecomesAMessagesRequestAndStreamsComeBackAsGeminiChunks() {
    anthropic.enqueue(Fixtures.load("anthropic", "messages-text"));

    GenerateContentResponse response = client.models.generateContent("sonnet", "What is the capital of France?",
        GenerateContentConfig.builder().maxOutputTokens(200).build());

    assertThat(response.text()).contains("The capital of France is Paris.");
    JsonNode sent = anthropic.takeRequest().json();
    assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(200);

    anthropic.enqueue(Fixtures.load("anthropic", "messages-text-stream"));
    StringBuilder text = new StringBuilder();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream("sonnet", "Hi", null)) {
      for (GenerateContentResponse chunk : stream) {
        if (chunk.text() != null) {
          text.append(chunk.text());
        }
      }
    }
    assertThat(text.toString()).isNotBlank();
    assertThat(anthropic.takeRequest().json().path("stream").asBoolean()).isTrue();
  }

  @Test
  void whenGeminiFailsTheNextTargetAnswersEvenInAnotherProtocol() {
    gemini.enqueue(UpstreamReply.json(503,
        "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"));
    openai.enqueue(Fixtures.load("openai", "chat-text"));

    GenerateContentResponse response = client.models.generateContent("resilient", "Say hello", null);

    assertThat(response.text()).isNotBlank();
    assertThat(gemini.takeRequest().path()).contains(":generateContent");
    assertThat(openai.takeRequest().path()).isEqualTo("/v1/chat/completions");
    UsageRecord record = gateway.usage().await(r -> r.model().equals("resilient"), "the failed-over request");
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.provider()).contains("openai");
  }

  @Test
  void claudesThinkingSignatureSurvivesAGeminiClientsNextTurn() {
    Fixtures.Case recorded = Fixtures.load("anthropic", "messages-thinking-tool-use");
    String claudeSignature = Fixtures.readJson(new String(recorded.exchange(0).response().body(),
        java.nio.charset.StandardCharsets.UTF_8)).at("/content/0/signature").asText();
    anthropic.enqueue(recorded);
    String question = "{\"role\":\"user\",\"parts\":[{\"text\":\"What is the largest city in the user country?\"}]}";
    String tools = ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_user_country\",\"description\":\"\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}]}],"
        + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":3000}}";

    HttpResult first = gateway.post("/gemini/v1beta/models/sonnet:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[" + question + "]" + tools + "}");

    assertThat(first.status()).isEqualTo(200);
    JsonNode modelTurn = first.json().at("/candidates/0/content");
    assertThat(modelTurn.toString()).contains("functionCall").doesNotContain(claudeSignature); // wrapped
    assertThat(GenerateContentResponse.fromJson(first.text()).candidates()).isPresent(); // the SDK reads it
    String callName = modelTurn.findValue("functionCall").path("name").asText();
    anthropic.takeRequest();

    HttpResult second = gateway.post("/gemini/v1beta/models/sonnet:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[" + question + "," + modelTurn + ",{\"role\":\"user\",\"parts\":[{\"functionResponse\":"
            + "{\"name\":\"" + callName + "\",\"response\":{\"country\":\"Mexico\"}}}]}]" + tools + "}");

    assertThat(second.status()).isEqualTo(200);
    JsonNode sent = anthropic.takeRequest().json();
    assertThat(sent.at("/messages/1/content/0/type").asText()).isEqualTo("thinking");
    assertThat(sent.at("/messages/1/content/0/signature").asText()).isEqualTo(claudeSignature);
  }

  @Test
  void countTokensOnAClaudeModelIsCountedByAnthropicAndOnAnOpenAiModelRefusedClearly() {
    anthropic.enqueue(UpstreamReply.json(200, "{\"input_tokens\":12}"));

    CountTokensResponse counted = client.models.countTokens("sonnet", "How many tokens?", null);

    assertThat(counted.totalTokens()).contains(12);
    ReceivedRequest received = anthropic.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/messages/count_tokens");
    assertThat(received.json().path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(received.json().at("/messages/0/content").toString()).contains("How many tokens?");
    assertThat(received.json().has("max_tokens")).isFalse();

    assertThatThrownBy(() -> client.models.countTokens("gpt", "How many tokens?", null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).contains("openai");
        });
    assertThat(openai.received()).isEmpty();
  }

  @Test
  void geminiErrorsReachTheSdkAsTheyCame() {
    gemini.enqueue(Fixtures.load("gemini", "error-429-resource-exhausted"));

    assertThatThrownBy(() -> client.models.generateContent("gemini-flash", "hi", null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(429);
          assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
        });
  }

  // ---- translated to an OpenAI-speaking provider ----

  @Test
  void onAnOpenAiModelTheRequestIsTranslatedAndTheAnswerComesBackInGeminisShape() {
    openai.enqueue(Fixtures.load("openai", "chat-text"));

    GenerateContentResponse response = client.models.generateContent("gpt", "Say hello",
        GenerateContentConfig.builder()
            .systemInstruction(Content.fromParts(Part.fromText("Be brief.")))
            .temperature(0.5f)
            .maxOutputTokens(100)
            .build());

    assertThat(response.text()).isNotBlank();
    assertThat(response.candidates().orElseThrow().get(0).finishReason().orElseThrow().toString()).isEqualTo("STOP");
    assertThat(response.usageMetadata().orElseThrow().promptTokenCount()).isPresent();
    ReceivedRequest received = openai.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/chat/completions");
    assertThat(received.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY);
    var body = OpenAiSpec.assertChatRequest(received.body());
    assertThat(body.model().asString()).isEqualTo("gpt-4o");
    assertThat(received.json().at("/messages/0/role").asText()).isIn("system", "developer");
    assertThat(received.json().at("/temperature").asDouble()).isEqualTo(0.5);
  }

  @Test
  void aStreamedToolCallFromOpenAiArrivesAsAGeminiFunctionCall() {
    openai.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-tool-call-stream").exchange(0)));

    List<FunctionCall> calls = new ArrayList<>();
    GenerateContentConfig config = GenerateContentConfig.builder()
        .tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder()
            .name("get_weather")
            .description("Weather of a city")
            .parameters(Schema.builder().type(Type.Known.OBJECT)
                .properties(Map.of("location", Schema.builder().type(Type.Known.STRING).build()))
                .required("location")
                .build())
            .build()).build())
        .build();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream("gpt", "What is the weather in Paris?", config)) {
      for (GenerateContentResponse chunk : stream) {
        if (chunk.functionCalls() != null) {
          calls.addAll(chunk.functionCalls());
        }
      }
    }

    assertThat(calls).isNotEmpty();
    assertThat(calls.get(0).name()).isPresent();
    assertThat(calls.get(0).args()).isPresent();
    assertThat(calls.get(0).id()).isPresent();
    JsonNode sent = openai.takeRequest().json();
    assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(sent.at("/tools/0/function/parameters/type").asText()).isEqualTo("object");
    assertThat(sent.at("/stream").asBoolean()).isTrue();
  }

  @Test
  void embeddingsOnAnOpenAiModelAreTranslatedBothWays() {
    openai.enqueue(Fixtures.load("openai", "embeddings-float"));

    EmbedContentResponse response = client.models.embedContent("small-embed", "Hello world", null);

    assertThat(response.embeddings().orElseThrow()).hasSize(2); // the recording's answer holds two
    assertThat(response.embeddings().orElseThrow().get(0).values().orElseThrow()).isNotEmpty();
    ReceivedRequest received = openai.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/embeddings");
    OpenAiSpec.assertEmbeddingRequest(received.body());
    assertThat(received.json().at("/input/0").asText()).isEqualTo("Hello world");
  }

  @Test
  void anOpenAiErrorReachesTheGeminiSdkInGooglesShape() {
    openai.enqueue(Fixtures.load("openai", "chat-error-404-model-not-found"));

    assertThatThrownBy(() -> client.models.generateContent("gpt", "hi", null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(404);
          assertThat(e.status()).isEqualTo("NOT_FOUND");
        });
  }

  // ---- the gateway's own answers ----

  @Test
  void theGatewaysOwnErrorsAreInGooglesShape() {
    HttpResult noKey = gateway.post("/gemini/v1beta/models/gemini-flash:generateContent", null,
        "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().at("/error/code").asInt()).isEqualTo(401);
    assertThat(noKey.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");

    HttpResult unknownModel = gateway.post("/gemini/v1beta/models/nope:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
    assertThat(unknownModel.status()).isEqualTo(404);
    assertThat(unknownModel.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");

    HttpResult unknownMethod = gateway.post("/gemini/v1beta/models/gemini-flash:predict", GatewayHarness.MASTER_KEY,
        "{}");
    assertThat(unknownMethod.status()).isEqualTo(404);
    assertThat(unknownMethod.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");

    HttpResult notJson = gateway.post("/gemini/v1beta/models/gemini-flash:generateContent",
        GatewayHarness.MASTER_KEY, "{nope");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(gemini.received()).isEmpty();
  }

  @Test
  void badGeminiBodiesForAnotherProviderAreAnsweredClearly() {
    HttpResult empty = gateway.post("/gemini/v1beta/models/gpt:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[]}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(empty.json().at("/error/message").asText()).contains("contents");

    HttpResult unknownPart = gateway.post("/gemini/v1beta/models/gpt:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"executableCode\":{\"code\":\"1\"}}]}]}");
    assertThat(unknownPart.status()).isEqualTo(400);
    assertThat(unknownPart.json().at("/error/message").asText()).contains("contents[0].parts[0]")
        .contains("executableCode");

    HttpResult searchTool = gateway.post("/gemini/v1beta/models/gpt:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"tools\":[{\"googleSearch\":{}}]}");
    assertThat(searchTool.status()).isEqualTo(400);
    assertThat(searchTool.json().at("/error/message").asText()).contains("googleSearch");
    assertThat(openai.received()).isEmpty();
  }

  @Test
  void pathTricksInTheModelNeverReachTheUpstream() {
    for (String model : List.of("..%2F..%2Fadmin", "a%2F..%2F..%2Fkeys", "x%3Fkey%3Dsecret", "%2E%2E")) {
      HttpResult answer = gateway.post("/gemini/v1beta/models/" + model + ":generateContent",
          GatewayHarness.MASTER_KEY, "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
      assertThat(answer.status()).as(model).isIn(400, 404);
      assertThat(answer.json().at("/error/status").asText()).as(model).isIn("INVALID_ARGUMENT", "NOT_FOUND");
    }
    assertThat(gemini.received()).isEmpty();
  }

  @Test
  void theModelListShowsTheConfiguredModelsInGeminisShape() {
    List<String> names = new ArrayList<>();
    for (Model model : client.models.list(null)) {
      names.add(model.name().orElseThrow());
    }
    assertThat(names).contains("models/gemini-flash", "models/gpt");

    Model one = client.models.get("gemini-flash", null);
    assertThat(one.name()).contains("models/gemini-flash");
    assertThat(one.supportedActions().orElseThrow()).contains("generateContent");
  }
}
