package dev.switchyard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.LogCapture;
import dev.switchyard.testing.RawClient;
import dev.switchyard.testing.UpstreamReply;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to hold the gateway's connections or memory: a head sent a byte at a time, a
 * connection kept open for nothing, a body that stops, a length announced and never sent, a body
 * sent to be refused, too many connections. Each is answered or cut at its limit, and the gateway
 * stays live, ready and serving.
 */
class HostileClientsIT {
  private static final String CHAT = "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static FakeUpstream upstream;
  private static GatewayHarness gateway;
  private final List<RawClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.builder("""
            providers:
              - {name: sim, kind: simulator}
              - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
            models:
              - {name: sim-echo, targets: [{provider: sim}]}
              - {name: slow-model, targets: [{provider: openai, model: gpt-4o-mini}]}
            """.formatted(upstream.baseUrl(), LeakGuard.newUpstreamKey()))
        .server("limits", "{request_head_timeout: 1s, idle_timeout: 2s, body_timeout: 1s}")
        .start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @AfterEach
  void stillServing() {
    clients.forEach(RawClient::close);
    clients.clear();
    assertServing(gateway);
  }

  static void assertServing(GatewayHarness gateway) {
    assertThat(gateway.get("/health/live", null).status()).isEqualTo(200);
    assertThat(gateway.get("/health/ready", null).status()).isEqualTo(200);
    assertThat(gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, CHAT).status()).isEqualTo(200);
  }

  private RawClient connect() {
    RawClient client = RawClient.connect(gateway.port());
    clients.add(client);
    return client;
  }

  @Test
  void aHeadSentAByteAtATimeIsCutAtTheHeadTimeout() throws InterruptedException {
    RawClient slow = connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
    long started = System.nanoTime();
    boolean closed = false;
    for (int i = 0; i < 30 && !closed; i++) { // a header byte every 200 ms would take 6 s
      slow.send("X");
      closed = slow.closedWithin(Duration.ofMillis(200));
    }

    assertThat(closed).as("closed by the gateway").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
  }

  @Test
  void aConnectionThatNeverSendsIsClosed() {
    assertThat(connect().closedWithin(Duration.ofSeconds(1).plus(SLACK))).isTrue();
  }

  @Test
  void aFloodOfSilentConnectionsIsClosedEveryOne() {
    List<RawClient> flood = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flood.add(connect());
    }

    assertThat(flood).allSatisfy(silent ->
        assertThat(silent.closedWithin(Duration.ofSeconds(1).plus(SLACK))).as("closed by the gateway").isTrue());
  }

  @Test
  void aKeptAliveConnectionIsClosedWhenIdleButASlowAnswerIsNotCut() {
    upstream.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()).delayHeaders(Duration.ofSeconds(3)));
    String body = "{\"model\":\"slow-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    RawClient client = connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + GatewayHarness.MASTER_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body);

    String answer = client.readUntil("\"finish_reason\"", Duration.ofSeconds(10));

    assertThat(answer).as("an answer slower than the idle timeout arrives whole").startsWith("HTTP/1.1 200")
        .contains("\"choices\"");
    long idleFrom = System.nanoTime();
    assertThat(client.closedWithin(Duration.ofSeconds(2).plus(SLACK))).as("then closed once idle").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - idleFrom)).isGreaterThan(Duration.ofMillis(1500));
  }

  @Test
  void aBodyThatStopsArrivingIsAnswered408() {
    RawClient client = connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + GatewayHarness.MASTER_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":");

    String answer = client.readUntil("}}", Duration.ofSeconds(1).plus(SLACK));

    assertThat(answer).startsWith("HTTP/1.1 408").contains("server.limits.body_timeout")
        .contains("\"error\":{").containsIgnoringCase("connection: close");
    assertThat(client.closedWithin(SLACK)).isTrue();
  }

  @Test
  void announcedBodiesReserveNoMemoryBeforeTheyArrive() throws InterruptedException {
    String key = gateway.createKey("{\"name\":\"no-models\",\"models\":[\"nothing-*\"]}").path("key").asText();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    for (int i = 0; i < 60; i++) { // 60 × 32 MiB announced: 1.9 GiB if reserved up front
      connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: 33554432\r\n\r\n{");
    }
    Thread.sleep(500); // the bodies are being read by now
    System.gc();
    long held = memory.getHeapMemoryUsage().getUsed() - before;

    assertThat(held).as("heap held by 60 announced 32 MiB bodies").isLessThan(256L << 20);
  }

  @Test
  void aRefusedRequestsBodyIsNotReadButItsConnectionClosed() {
    RawClient client = connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
    client.send(new byte[64 * 1024]);

    String answer = client.readUntil("}}", SLACK);

    assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
    assertThat(client.closedWithin(SLACK)).as("closed, not drained for a gigabyte").isTrue();
  }

  @Test
  void aClientHangingUpMidBodyIsNoErrorInTheLog() throws InterruptedException {
    try (LogCapture log = LogCapture.start()) {
      for (int i = 0; i < 5; i++) {
        RawClient leaver = RawClient.connect(gateway.port()).send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
            + "Authorization: Bearer " + GatewayHarness.MASTER_KEY + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"model\":\"sim-echo\",");
        Thread.sleep(100); // the gateway is reading the body now
        leaver.close();
      }
      Thread.sleep(300);

      assertThat(log.problems()).as("ERROR lines or stack traces").isEmpty();
    }
  }

  @Test
  void aSmallRefusedBodyIsDroppedAndTheConnectionKept() {
    RawClient client = connect().send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT);
    assertThat(client.readUntil("}}", SLACK)).startsWith("HTTP/1.1 401");

    client.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(client.readUntil("\"ok\"", SLACK)).contains("HTTP/1.1 200");
  }

  @Test
  void pastTheConnectionLimitANewConnectionIsTold503AndClosed() {
    try (GatewayHarness small = GatewayHarness.builder("""
            providers:
              - {name: sim, kind: simulator}
            models:
              - {name: sim-echo, targets: [{provider: sim}]}
            """)
        .server("limits", "{max_connections: 4, request_head_timeout: 30s}")
        .start()) {
      List<RawClient> holders = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        holders.add(RawClient.connect(small.port()));
      }
      RawClient extra = RawClient.connect(small.port()).send("POST /anthropic/v1/messages HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

      String answer = extra.readUntil("}}", SLACK);

      assertThat(answer).startsWith("HTTP/1.1 503").contains("server.limits.max_connections")
          .contains("\"type\":\"error\"").containsIgnoringCase("retry-after: 1");
      assertThat(extra.closedWithin(SLACK)).isTrue();
      extra.close();
      holders.forEach(RawClient::close);
      long deadline = System.nanoTime() + SLACK.toNanos();
      HttpResult next;
      do { // the gateway counts the closed connections as they close
        next = small.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, CHAT);
      } while (next.status() == 503 && System.nanoTime() < deadline);
      assertThat(next.status()).isEqualTo(200);
    }
  }
}
