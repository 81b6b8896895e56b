package dev.switchyard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests whose cost lies past the gateway's door: a tool schema that expands without end, a
 * provider stream that never ends an event or trickles for ever, a query string carrying the
 * client's key or a parameter that would hide the usage. Each is stopped at its limit, the client
 * told which, and nothing of the client's key reaches the provider.
 */
class HostileUpstreamsIT {
  private static final String KEY = GatewayHarness.MASTER_KEY;
  private static FakeUpstream openAi;
  private static FakeUpstream anthropic;
  private static FakeUpstream gemini;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    openAi = FakeUpstream.start();
    anthropic = FakeUpstream.start();
    gemini = FakeUpstream.start();
    gateway = GatewayHarness.builder("""
            providers:
              - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
              - {name: claude, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
              - {name: google, kind: gemini, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
            models:
              - {name: gpt-4o-mini, targets: [{provider: openai}]}
              - {name: claude-sonnet-4-5, targets: [{provider: claude}]}
              - {name: gemini-2.5-flash, targets: [{provider: google}]}
            """.formatted(openAi.baseUrl(), LeakGuard.newUpstreamKey(), anthropic.port(), LeakGuard.newUpstreamKey(),
            gemini.port(), LeakGuard.newUpstreamKey()))
        .server("limits", "{max_stream_event_size: 4KiB, max_stream_duration: 1s}")
        .start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    openAi.close();
    anthropic.close();
    gemini.close();
  }

  @BeforeEach
  void reset() {
    openAi.reset();
    anthropic.reset();
    gemini.reset();
  }

  @AfterEach
  void stillServing() {
    assertThat(gateway.get("/health/live", null).status()).isEqualTo(200);
    assertThat(gateway.get("/health/ready", null).status()).isEqualTo(200);
    openAi.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));
    assertThat(gateway.post("/v1/chat/completions", KEY,
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status()).isEqualTo(200);
  }

  /** 30 definitions, each naming the one before twice: 3.3 KB that would inline to 2^30 schemas. */
  private static String schemaBomb() {
    StringBuilder defs = new StringBuilder("{\"type\":\"object\",\"$defs\":{\"d0\":{\"type\":\"string\"}");
    for (int i = 1; i < 30; i++) {
      defs.append(",\"d").append(i).append("\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/d")
          .append(i - 1).append("\"},\"b\":{\"$ref\":\"#/$defs/d").append(i - 1).append("\"}}}");
    }
    return defs.append("},\"properties\":{\"x\":{\"$ref\":\"#/$defs/d29\"}}}").toString();
  }

  @Test
  void aToolSchemaThatWouldExpandWithoutEndIsRefusedAtOnce() {
    String body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":" + schemaBomb() + "}}]}";
    assertThat(body.length()).isLessThan(4000);
    long started = System.nanoTime();

    HttpResult answer = gateway.post("/v1/chat/completions", KEY, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.openAiError(400).path("message").asText()).contains("server.limits.max_schema_nodes");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(gemini.received()).isEmpty();
  }

  @Test
  void aProviderEventThatNeverEndsIsCutAndTheClientToldWhy() {
    openAi.enqueue(UpstreamReply.sse("data: {\"choices\":[{\"delta\":{\"content\":\"" + "x".repeat(100_000)));

    HttpResult answer = gateway.post("/v1/chat/completions", KEY,
        "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("server.limits.max_stream_event_size").doesNotContain("xxxxxxxx");
  }

  @Test
  void aTranslatedStreamIsCutTooInTheClientsProtocol() {
    gemini.enqueue(UpstreamReply.sse("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""
        + "y".repeat(100_000)));

    HttpResult answer = gateway.post("/anthropic/v1/messages", KEY, "{\"model\":\"gemini-2.5-flash\",\"stream\":true,"
        + "\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("event: error").contains("server.limits.max_stream_event_size");
  }

  @Test
  void aStreamThatTricklesPastTheLongestDurationIsCut() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    openAi.enqueue(UpstreamReply.of(recorded).eventByEvent(Duration.ofMillis(400)));
    long started = System.nanoTime();

    HttpResult answer = gateway.post("/v1/chat/completions", KEY, new String(recorded.requestBytes(),
        java.nio.charset.StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).contains("server.limits.max_stream_duration").doesNotContain("[DONE]");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    assertThat(openAi.received().get(0).awaitClosedEarly(Duration.ofSeconds(3)))
        .as("the provider's stream is abandoned").isTrue();
  }

  @Test
  void aGeminiQueryForwardsOnlyAltNeverTheKeyNorFields() {
    gemini.enqueue(UpstreamReply.of(Fixtures.load("gemini", "stream-text-sse").first()));

    HttpResult answer = gateway.post("/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="
        + KEY + "&k%65y=" + KEY + "&fields=candidates&%24alt=json", null,
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(), Map.of());

    assertThat(answer.status()).isEqualTo(200);
    ReceivedRequest sent = gemini.takeRequest();
    assertThat(sent.query()).isEqualTo("alt=sse");
    assertThat(sent.path()).doesNotContain(KEY).doesNotContain("fields");
  }

  @Test
  void anAnthropicQueryForwardsOnlyBeta() {
    anthropic.enqueue(UpstreamReply.of(Fixtures.load("anthropic", "messages-text").first()));

    HttpResult answer = gateway.post("/anthropic/v1/messages?beta=true&k%65y=" + KEY + "&debug=1", KEY,
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    ReceivedRequest sent = anthropic.takeRequest();
    assertThat(sent.query()).isEqualTo("beta=true");
  }
}
