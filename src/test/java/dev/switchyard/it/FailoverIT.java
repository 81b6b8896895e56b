package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A model with several targets: the next one serves when one fails, before anything is relayed. */
class FailoverIT {
  private static final String HELLO = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String BACKUP_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream primary;
  private static FakeUpstream backup;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    primary = FakeUpstream.start();
    backup = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: primary, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: backup, kind: openai-compatible, base_url: "%s", api_keys: ["%s"]}
          - {name: dead, kind: openai, base_url: "http://127.0.0.1:%d/v1", api_keys: ["%s"]}
        models:
          - name: gpt-4o
            targets: [{provider: primary, model: gpt-4o}, {provider: backup, model: gpt-4o-backup}]
          - name: dead-first
            targets: [{provider: dead, model: gpt-4o}, {provider: backup, model: gpt-4o-backup}]
        routing:                # one try per target, no breaker: failover alone (ResilienceIT covers the rest)
          retry: {attempts: 1}
          circuit_breaker: {enabled: false}
        """.formatted(primary.baseUrl(), LeakGuard.newUpstreamKey(), backup.baseUrl(), BACKUP_KEY,
        FakeUpstream.closedPort(), LeakGuard.newUpstreamKey()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    primary.close();
    backup.close();
  }

  @BeforeEach
  void resetUpstreams() {
    primary.reset();
    backup.reset();
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 429, 500, 502, 401, 403})
  void failedFirstTargetHandsTheRequestToTheNext(int status) {
    primary.enqueue(UpstreamReply.json(status, "{\"error\":{\"message\":\"try later\",\"type\":\"server_error\","
        + "\"param\":null,\"code\":null}}"));
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text").first();
    backup.enqueue(UpstreamReply.of(recorded));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    assertThat(primary.received()).hasSize(1);
    ReceivedRequest second = backup.takeRequest();
    assertThat(second.json().path("model").asText()).isEqualTo("gpt-4o-backup");
    assertThat(second.header("authorization")).isEqualTo("Bearer " + BACKUP_KEY);
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.provider()).contains("backup");
    assertThat(record.upstreamModel()).contains("gpt-4o-backup");
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
    assertThat(record.usage()).isPresent();
  }

  @Test
  void unreachableFirstTargetHandsTheRequestToTheNext() {
    backup.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    HttpResponseFor<?> raw = gateway.openAi().chat().completions().withRawResponse().create(hello("dead-first"));

    assertThat(raw.statusCode()).isEqualTo(200);
    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.provider()).contains("backup");
  }

  @Test
  void streamFailsOverBeforeItsFirstByte() {
    primary.enqueue(UpstreamReply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    backup.enqueue(UpstreamReply.of(recorded));

    HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = gateway.openAi().chat().completions()
        .withRawResponse().createStreaming(hello("gpt-4o"));
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
      chunks = stream.stream().toList();
    }

    assertThat(chunks).isNotEmpty();
    assertThat(backup.takeRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.stream()).isTrue();
    assertThat(record.usage()).isPresent();
  }

  @Test
  void clientErrorFromTheFirstTargetIsRelayedWithoutFailover() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-error-400-unsupported-value").first();
    primary.enqueue(UpstreamReply.of(recorded));
    backup.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    answer.openAiError(400);
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    assertThat(backup.received()).isEmpty();
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.provider()).contains("primary");
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.UPSTREAM_ERROR);
  }

  @Test
  void whenEveryTargetFailsTheLastAnswerIsRelayed() {
    primary.enqueue(UpstreamReply.json(503, "{\"error\":{\"message\":\"first\",\"type\":\"server_error\","
        + "\"param\":null,\"code\":null}}"));
    backup.enqueue(UpstreamReply.json(429, "{\"error\":{\"message\":\"second\",\"type\":\"rate_limit_error\","
        + "\"param\":null,\"code\":null}}").withHeader("retry-after", "7"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, HELLO.formatted("gpt-4o"));

    assertThat(answer.openAiError(429).path("message").asText()).isEqualTo("second");
    assertThat(answer.header("retry-after")).isEqualTo("7");
    assertThat(gateway.usage().await(answer.header("x-request-id")).attempts()).isEqualTo(2);
  }

  private static ChatCompletionCreateParams hello(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
  }
}
