package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstreams breaking the ways they break in production — each retryable status, Retry-After,
 * refused connections, silence, streams cut, bodies that are not JSON — and what the client sees:
 * status and body in its protocol, which targets were tried how often (the fakes count), and the
 * headers that say what served it. Retries here wait 20–80 ms, so the suite stays quick.
 */
class ResilienceIT {
  private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static FakeUpstream primary;
  private static FakeUpstream backup;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    primary = FakeUpstream.start();
    backup = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: primary, kind: openai, base_url: "%s", api_keys: ["%s"], timeout: 1s}
          - {name: backup, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: dead, kind: openai, base_url: "http://127.0.0.1:%d/v1", api_keys: ["%s"]}
          - {name: sim-a, kind: simulator}
          - {name: sim-b, kind: simulator}
        models:
          - {name: lone, targets: [{provider: primary, model: gpt-4o}]}
          - {name: pair, targets: [{provider: primary, model: gpt-4o}, {provider: backup, model: gpt-4o-mini}]}
          - {name: dead-first, targets: [{provider: dead, model: gpt-4o}, {provider: backup, model: gpt-4o-mini}]}
          - name: split
            strategy: weighted
            targets: [{provider: sim-a, model: echo, weight: 3}, {provider: sim-b, model: echo, weight: 1}]
          - name: no-retry
            retry: {attempts: 1}
            targets: [{provider: primary, model: gpt-4o}]
        routing:
          retry: {backoff: 40ms, max_backoff: 80ms, max_retry_after: 2s}
          circuit_breaker: {enabled: false}
        """.formatted(primary.baseUrl(), LeakGuard.newUpstreamKey(), backup.baseUrl(), LeakGuard.newUpstreamKey(),
        FakeUpstream.closedPort(), LeakGuard.newUpstreamKey()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    primary.close();
    backup.close();
  }

  @BeforeEach
  void reset() {
    primary.reset();
    backup.reset();
  }

  private static UpstreamReply ok() {
    return UpstreamReply.of(Fixtures.load("openai", "chat-text").first());
  }

  private static UpstreamReply error(int status) {
    return UpstreamReply.json(status, "{\"error\":{\"message\":\"upstream says " + status + "\",\"type\":\"server_error\"}}");
  }

  private static HttpResult chat(String model) {
    return gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, CHAT.formatted(model));
  }

  @Test
  void everyAnswerNamesWhatServedItAndHowManyTriesItTook() {
    primary.enqueue(ok());

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("x-switchyard-provider")).isEqualTo("primary");
    assertThat(answer.header("x-switchyard-model")).isEqualTo("gpt-4o");
    assertThat(answer.header("x-switchyard-attempts")).isEqualTo("1");
    assertThat(backup.received()).isEmpty();
  }

  @Test
  void aLoneTargetThatFailsOnceIsTriedAgain() {
    primary.enqueue(error(500), ok());

    HttpResult answer = chat("lone");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(primary.received()).hasSize(2);
    assertThat(answer.header("x-switchyard-attempts")).isEqualTo("2");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {429, 500, 502, 503, 504, 529})
  void aRetryableStatusIsTriedAgainThenTheNextTargetServes(int status) {
    primary.always(error(status));
    backup.enqueue(ok());

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(primary.received()).as("tries at the failing target").hasSize(2);
    assertThat(backup.received()).hasSize(1);
    assertThat(answer.header("x-switchyard-provider")).isEqualTo("backup");
    assertThat(answer.header("x-switchyard-model")).isEqualTo("gpt-4o-mini");
    assertThat(answer.header("x-switchyard-attempts")).isEqualTo("3");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 404, 422})
  void aClientErrorIsRelayedAtOnceNeitherRetriedNorFailedOver(int status) {
    primary.always(error(status));

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().at("/error/message").asText()).contains("upstream says " + status);
    assertThat(primary.received()).hasSize(1);
    assertThat(backup.received()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 403})
  void aRefusedCredentialGoesToTheNextTargetWithoutARetry(int status) {
    primary.always(error(status));
    backup.enqueue(ok());

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(primary.received()).hasSize(1);
    assertThat(answer.header("x-switchyard-attempts")).isEqualTo("2");
  }

  @Test
  void retryAfterIsWaitedForWhenShort() {
    primary.enqueue(error(429).withHeader("retry-after", "1"), ok());
    long started = System.nanoTime();

    HttpResult answer = chat("lone");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(primary.received()).hasSize(2);
  }

  @Test
  void aRetryAfterLongerThanWorthWaitingMovesOnAtOnce() {
    primary.always(error(503).withHeader("retry-after", "120"));
    backup.enqueue(ok());
    long started = System.nanoTime();

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(primary.received()).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void theLastTriesErrorIsWhatTheClientGetsWithItsRetryAfter() {
    primary.always(error(503).withHeader("retry-after", "120"));

    HttpResult answer = chat("lone");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.json().at("/error/message").asText()).contains("upstream says 503");
    assertThat(primary.received()).hasSize(1);
  }

  @Test
  void aRetryPolicyOfOneAttemptRelaysTheFirstFailure() {
    primary.always(error(500));

    HttpResult answer = chat("no-retry");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(primary.received()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsTriedAgainThenTheNextTargetServes() {
    backup.enqueue(ok());

    HttpResult answer = chat("dead-first");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("x-switchyard-provider")).isEqualTo("backup");
    assertThat(answer.header("x-switchyard-attempts")).isEqualTo("3");
  }

  @Test
  void anUpstreamThatNeverAnswersTimesOutAndTheNextServes() {
    primary.always(UpstreamReply.hangForever());
    backup.enqueue(ok());

    HttpResult answer = chat("pair");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(primary.received()).hasSize(2);
    assertThat(answer.header("x-switchyard-provider")).isEqualTo("backup");
  }

  @Test
  void aStreamCutAfterItsFirstEventEndsWithAnErrorEventAndIsNotRetried() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    byte[] body = UpstreamReply.of(recorded).body();
    primary.enqueue(UpstreamReply.of(recorded).closeAfter(new String(body).indexOf("\n\n") + 2));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        ((ObjectNode) recorded.request().deepCopy()).put("model", "pair").toString());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("data: {").contains("\"error\"").doesNotContain("[DONE]");
    assertThat(primary.received()).hasSize(1);
    assertThat(backup.received()).isEmpty();
  }

  @Test
  void anAnswerThatIsNotJsonIsA502InTheClientsProtocol() {
    primary.always(UpstreamReply.text(200, "application/json", "{\"id\": \"truncated"));

    HttpResult answer = gateway.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        "{\"model\":\"lone\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.json().path("type").asText()).isEqualTo("error");
  }

  @Test
  void aWeightedSplitFollowsTheWeights() {
    int toA = 0;
    int requests = 2_000;
    for (int i = 0; i < requests; i++) {
      HttpResult answer = chat("split");
      assertThat(answer.status()).isEqualTo(200);
      if ("sim-a".equals(answer.header("x-switchyard-provider"))) {
        toA++;
      }
    }

    assertThat(toA / (double) requests).as("share of weight 3 against 1").isBetween(0.72, 0.78);
  }

  @Test
  void readinessListsTheTargetsAndTheirHealth() {
    primary.enqueue(ok());
    chat("lone");

    JsonNode ready = gateway.get("/health/ready", null).json();

    assertThat(ready.path("targets").findValuesAsText("target")).contains("primary/gpt-4o");
  }

  @Test
  void aDebugHeaderExplainsTheRoute() {
    primary.enqueue(ok());

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        CHAT.formatted("pair").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        java.util.Map.of("x-switchyard-debug", "route", "content-type", "application/json"));

    assertThat(answer.header("x-switchyard-route"))
        .contains("model=pair; entry=pair; strategy=ordered; candidates=primary/gpt-4o,backup/gpt-4o-mini")
        .contains("retry=2 per target");
    assertThat(chat("lone").header("x-switchyard-route")).as("only when asked").isNull();
  }

  @Test
  void theAdminApiExplainsWhereAModelGoesAndWhetherAKeyMayUseIt() {
    String keyId = gateway.createKey("{\"name\":\"only-lone\",\"models\":[\"lone\"]}").path("id").asText();

    JsonNode route = gateway.get("/admin/route?model=pair&key=" + keyId, GatewayHarness.MASTER_KEY).json();

    assertThat(route.path("strategy").asText()).isEqualTo("ordered");
    assertThat(route.path("candidates").findValuesAsText("provider")).containsExactly("primary", "backup");
    assertThat(route.path("retry").path("attempts").asInt()).isEqualTo(2);
    assertThat(route.path("key").path("may_use").asBoolean()).isFalse();
    assertThat(gateway.get("/admin/route?model=nowhere", GatewayHarness.MASTER_KEY).status()).isEqualTo(404);
    assertThat(gateway.get("/admin/route?model=pair", null).status()).isEqualTo(401);
  }

  @Test
  void failingUpstreamsLeakNeitherConnectionsNorThreads() {
    int threadsBefore = Thread.activeCount();
    primary.always(error(500));
    backup.always(error(503));
    for (int i = 0; i < 30; i++) {
      assertThat(chat(i % 2 == 0 ? "pair" : "dead-first").status()).isEqualTo(503);
    }

    assertThat(primary.openConnections()).as("connections to the failing upstream").isLessThanOrEqualTo(8);
    assertThat(backup.openConnections()).as("connections to the other").isLessThanOrEqualTo(8);
    assertThat(Thread.activeCount() - threadsBefore).as("threads added").isLessThanOrEqualTo(4);
  }
}
