package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a request can fail, each answered with the right status and OpenAI's error JSON. */
class ErrorsIT {
  private static final String UPSTREAM_KEY = LeakGuard.newUpstreamKey();
  private static final String HELLO = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static FakeUpstream upstream;
  private static FakeUpstream slow;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    slow = FakeUpstream.start();
    gateway = GatewayHarness.builder("""
        providers:
          - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: dead, kind: openai, base_url: "http://127.0.0.1:%d/v1", api_keys: ["%s"], connect_timeout: 2s}
          - {name: slow, kind: openai, base_url: "%s", api_keys: ["%s"], timeout: 500ms}
        models:
          - {name: gpt-4o, targets: [{provider: openai}]}
          - {name: o1-mini, targets: [{provider: openai}]}
          - {name: gpt-5.2-proo, targets: [{provider: openai}]}
          - {name: nonexistent, targets: [{provider: openai}]}
          - {name: dead-model, targets: [{provider: dead, model: gpt-4o}]}
          - {name: slow-model, targets: [{provider: slow, model: gpt-4o}]}
        routing:                # one try per target: what is tested here is each error as it came
          retry: {attempts: 1}
        """.formatted(upstream.baseUrl(), UPSTREAM_KEY, FakeUpstream.closedPort(), LeakGuard.newUpstreamKey(),
            slow.baseUrl(), LeakGuard.newUpstreamKey()))
        .server("max_body_size", "1KiB")
        .start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
    slow.close();
  }

  @BeforeEach
  void resetUpstreams() {
    upstream.reset();
    slow.reset();
  }

  @Test
  void missingKeyIs401() {
    HttpResult answer = gateway.post("/v1/chat/completions", null, HELLO.formatted("gpt-4o"));

    JsonNode error = answer.openAiError(401);
    assertThat(error.path("type").asText()).isEqualTo("authentication_error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void unknownKeysAre401() {
    assertThatThrownBy(() -> gateway.openAi("sk-sy-" + "x".repeat(40)).chat().completions().create(hello("gpt-4o")))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.code()).contains("invalid_api_key");
        });
    assertThat(gateway.post("/v1/chat/completions", "not-a-switchyard-key", HELLO.formatted("gpt-4o"))
        .openAiError(401).path("type").asText()).isEqualTo("authentication_error");
    assertThat(gateway.post("/v1/chat/completions", "sk-sy-" + "y".repeat(40), HELLO.formatted("gpt-4o"))
        .openAiError(401).path("code").asText()).isEqualTo("invalid_api_key");
    assertThat(upstream.received()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\": \"gpt-4o\", \"messages\": [",
      "[{\"model\": \"gpt-4o\"}]",
      "{\"model\": \"gpt-4o\", \"messages\": []} trailing",
      "{\"model\": \"gpt-4o\", \"model\": \"o1-mini\", \"messages\": []}",
      "''"})
  void malformedJsonIs400(String body) {
    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, body);

    JsonNode error = answer.openAiError(400);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(upstream.received()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "messages | {\"model\":\"gpt-4o\",\"messages\":\"hello\"}",
      "stream   | {\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}",
      "model    | {\"model\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
      "messages | {\"model\":\"gpt-4o\"}",
      "stream_options.include_usage | {\"model\":\"gpt-4o\",\"messages\":[],\"stream\":true,"
          + "\"stream_options\":{\"include_usage\":\"yes\"}}"})
  void wrongFieldTypesAre400NamingTheField(String field, String body) {
    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, body);

    JsonNode error = answer.openAiError(400);
    assertThat(error.path("param").asText()).isEqualTo(field);
    assertThat(error.path("message").asText()).contains(field);
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void sdkSeesWrongFieldTypesAsBadRequestsNamingTheField() {
    ChatCompletionCreateParams messagesAsString = ChatCompletionCreateParams.builder()
        .model("gpt-4o").messages(JsonValue.from("hello")).build();
    ChatCompletionCreateParams streamAsString = hello("gpt-4o").toBuilder()
        .putAdditionalBodyProperty("stream", JsonValue.from("yes")).build();

    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(messagesAsString))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("messages"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(streamAsString))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("stream"));
  }

  @Test
  void bodyOverTheLimitIs413() {
    String big = HELLO.formatted("gpt-4o").replace("hi", "x".repeat(2048));

    HttpResult declared = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, big);

    JsonNode error = declared.openAiError(413);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains("1024");
    HttpResult chunked = gateway.postChunked("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        big.getBytes(StandardCharsets.UTF_8));
    assertThat(chunked.openAiError(413).path("message").asText()).contains("1024");
    ChatCompletionCreateParams tooBig = ChatCompletionCreateParams.builder().model("gpt-4o")
        .addUserMessage("x".repeat(2048)).build();
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(tooBig))
        .isInstanceOfSatisfying(UnexpectedStatusCodeException.class, e -> assertThat(e.statusCode()).isEqualTo(413));
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void unknownModelIs404ModelNotFound() {
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(hello("no-such-model")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).contains("model_not_found");
          assertThat(e.param()).contains("model");
        });
    HttpResult answer = gateway.post("/v1/embeddings", GatewayHarness.MASTER_KEY,
        "{\"model\":\"no-such-model\",\"input\":\"hi\"}");
    assertThat(answer.openAiError(404).path("code").asText()).isEqualTo("model_not_found");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void unreachableUpstreamIs502NamingTheProvider() {
    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("dead-model"));

    JsonNode error = answer.openAiError(502);
    assertThat(error.path("message").asText()).contains("dead");
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(hello("dead-model")))
        .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.status()).isEqualTo(502);
    assertThat(record.provider()).contains("dead");
  }

  @Test
  void silentUpstreamIs504AfterItsTimeout() {
    slow.always(UpstreamReply.hangForever());
    long started = System.nanoTime();

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("slow-model"));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    JsonNode error = answer.openAiError(504);
    assertThat(error.path("message").asText()).contains("slow");
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
    assertThat(slow.takeRequest().awaitClosedEarly(Duration.ofSeconds(3))).isTrue();
  }

  @Test
  void slowHeadersWithinTheTimeoutAreNotATimeout() {
    slow.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()).delayHeaders(Duration.ofMillis(200)));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("slow-model"));

    assertThat(answer.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({
      "chat-error-400-unsupported-value, /v1/chat/completions",
      "chat-error-404-model-not-found, /v1/chat/completions",
      "embeddings-error-404, /v1/embeddings"})
  void upstreamClientErrorsAreRelayedWithTheSameStatusAndBody(String fixture, String path) {
    Fixtures.Exchange recorded = Fixtures.load("openai", fixture).first();
    upstream.enqueue(UpstreamReply.of(recorded));

    HttpResult answer = gateway.post(path, GatewayHarness.MASTER_KEY, recorded.requestBytes(), Map.of());

    int status = recorded.response().status();
    answer.openAiError(status);
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    assertThat(upstream.takeRequest().json()).isEqualTo(recorded.request());
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.UPSTREAM_ERROR);
    assertThat(record.status()).isEqualTo(status);
  }

  @Test
  void sdkSeesARelayedUpstreamErrorAsOpenAiWouldReportIt() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-error-400-unsupported-value").first();
    upstream.enqueue(UpstreamReply.of(recorded));
    JsonNode expected = recorded.responseJson().path("error");

    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("o1-mini").addDeveloperMessage("You are a helpful assistant.").addUserMessage("Hello").build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.code()).contains(expected.path("code").asText());
          assertThat(e.param()).contains(expected.path("param").asText());
          assertThat(e.type()).contains(expected.path("type").asText());
        });
  }

  @Test
  void upstream500WithANonJsonBodyBecomesAnOpenAiShaped500() {
    upstream.enqueue(UpstreamReply.text(500, "text/html", "<html><body>Internal Server Error</body></html>"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    JsonNode error = answer.openAiError(500);
    assertThat(error.path("message").asText()).contains("openai");
    upstream.enqueue(UpstreamReply.text(500, "text/plain", "oops"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(hello("gpt-4o")))
        .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
  }

  @ParameterizedTest
  @CsvSource({"401", "403"})
  void upstreamRefusingTheGatewaysKeyIs502WithoutTheKey(int status) {
    String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + UPSTREAM_KEY + ". You can find your "
        + "API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
        + "\"param\":null,\"code\":\"invalid_api_key\"}}";
    upstream.enqueue(UpstreamReply.json(status, echo).withHeader("x-echo", UPSTREAM_KEY));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    JsonNode error = answer.openAiError(502);
    assertThat(error.path("message").asText()).contains("openai");
    assertThat(answer.text()).doesNotContain(UPSTREAM_KEY).doesNotContain(LeakGuard.UPSTREAM_KEY_PREFIX);
    assertThat(answer.headers().toString()).doesNotContain(UPSTREAM_KEY);
    upstream.enqueue(UpstreamReply.json(status, echo));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(hello("gpt-4o")))
        .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(502);
          assertThat(e.getMessage()).doesNotContain(UPSTREAM_KEY);
        });
  }

  @Test
  void upstreamErrorThatEchoesTheKeyIsRelayedWithTheKeyRedacted() {
    upstream.enqueue(UpstreamReply.json(400, "{\"error\":{\"message\":\"Bad request from key " + UPSTREAM_KEY
        + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    assertThat(answer.openAiError(400).path("message").asText()).startsWith("Bad request from key")
        .doesNotContain(UPSTREAM_KEY);
  }

  @Test
  void everyResponseCarriesARequestIdAndTheOverhead() {
    JsonNode key = gateway.createKey("{\"name\":\"headers\"}");
    HttpResult[] answers = {
        gateway.get("/v1/models", GatewayHarness.MASTER_KEY),
        gateway.get("/v1/models", null),
        gateway.get("/admin/keys", GatewayHarness.MASTER_KEY),
        gateway.get("/admin/keys", key.path("key").asText()),
        gateway.get("/no/such/path", GatewayHarness.MASTER_KEY),
        gateway.post("/v1/chat/completions", null, "{}"),
    };

    for (HttpResult answer : answers) {
      assertThat(answer.header("x-request-id")).as("x-request-id of %s", answer).isNotBlank();
      assertThat(answer.header("x-switchyard-overhead-us")).as("overhead of %s", answer).matches("\\d+");
    }
    assertThat(answers[1].openAiError(401).path("type").asText()).isEqualTo("authentication_error");
    assertThat(answers[3].openAiError(403).path("type").asText()).isEqualTo("permission_error");
    assertThat(answers[4].openAiError(404).path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void clientRequestIdIsEchoedAndOtherwiseOneIsMade() {
    upstream.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    HttpResult given = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        HELLO.formatted("gpt-4o").getBytes(StandardCharsets.UTF_8), Map.of("x-request-id", "trace-42"));
    HttpResult made = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    assertThat(given.header("x-request-id")).isEqualTo("trace-42");
    assertThat(made.header("x-request-id")).isNotBlank().isNotEqualTo("trace-42");
    assertThat(gateway.usage().await("trace-42").status()).isEqualTo(200);
  }

  private static ChatCompletionCreateParams hello(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }
}
