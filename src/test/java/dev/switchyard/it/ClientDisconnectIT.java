package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away mid-answer: the gateway lets go of the upstream request at once, and
 * meters the exchange as cancelled. The client is a bare socket, so closing it really closes the
 * connection.
 */
class ClientDisconnectIT {
  private static final Duration BOUND = Duration.ofSeconds(3);
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
        models:
          - {name: gpt-4o-mini, targets: [{provider: openai}]}
        """.formatted(upstream.baseUrl(), LeakGuard.newUpstreamKey()));
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
  void clientLeavingMidStreamCancelsTheUpstreamRequest() throws IOException {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    upstream.enqueue(UpstreamReply.of(recorded).eventByEvent(Duration.ofMillis(300)));

    try (Socket client = connect()) {
      send(client, "stream-leaver", recorded.requestBytes());
      String seen = readUntilFirstEvent(client.getInputStream());
      assertThat(seen).startsWith("HTTP/1.1 200").contains("data: {");
    }

    ReceivedRequest upstreamRequest = upstream.takeRequest();
    assertThat(upstreamRequest.awaitClosedEarly(BOUND))
        .as("the gateway closed its upstream request within %s of the client leaving", BOUND).isTrue();
    UsageRecord record = gateway.usage().await("stream-leaver");
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.CLIENT_CANCELLED);
    assertThat(record.stream()).isTrue();
  }

  @Test
  void clientLeavingBeforeTheAnswerCancelsTheUpstreamRequest() throws IOException {
    upstream.enqueue(UpstreamReply.hangForever());

    try (Socket client = connect()) {
      send(client, "early-leaver", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
          .getBytes(StandardCharsets.UTF_8));
      upstream.takeRequest(); // the gateway is now waiting for the upstream's headers
    }

    ReceivedRequest upstreamRequest = upstream.received().get(0);
    assertThat(upstreamRequest.awaitClosedEarly(BOUND)).isTrue();
    UsageRecord record = gateway.usage().await("early-leaver");
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.CLIENT_CANCELLED);
  }

  @Test
  void gatewayServesTheNextClientAfterOneLeft() throws IOException {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    upstream.enqueue(UpstreamReply.of(recorded).eventByEvent(Duration.ofMillis(200)));
    try (Socket client = connect()) {
      send(client, "leaver-before-next", recorded.requestBytes());
      readUntilFirstEvent(client.getInputStream());
    }
    upstream.enqueue(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    HttpResult next = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(next.status()).isEqualTo(200);
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket client, String requestId, byte[] body) throws IOException {
    String head = "POST /v1/chat/completions HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + gateway.port() + "\r\n"
        + "Authorization: Bearer " + GatewayHarness.MASTER_KEY + "\r\n"
        + "Content-Type: application/json\r\n"
        + "x-request-id: " + requestId + "\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** Reads the response head and body bytes until one whole SSE event has arrived. */
  private static String readUntilFirstEvent(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    while (true) {
      String text = seen.toString(StandardCharsets.UTF_8);
      int bodyStart = text.indexOf("\r\n\r\n");
      if (bodyStart >= 0 && text.indexOf("\n\n", bodyStart + 4) >= 0) {
        return text;
      }
      int n = in.read(buffer);
      if (n < 0) {
        throw new AssertionError("the gateway closed the connection before the first event: " + text);
      }
      seen.write(buffer, 0, n);
    }
  }
}
