package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target that fails again and again: its breaker opens, requests skip it for the backup
 * without waiting on it, a probe after the cool-down finds it well again and the breaker closes.
 * A lone target is never refused for its breaker: it is all there is.
 */
class CircuitBreakerIT {
  private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private FakeUpstream flaky;
  private FakeUpstream backup;
  private GatewayHarness gateway;

  @BeforeEach
  void start() {
    flaky = FakeUpstream.start();
    backup = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: flaky, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: backup, kind: openai, base_url: "%s", api_keys: ["%s"]}
        models:
          - {name: pair, targets: [{provider: flaky, model: gpt-4o}, {provider: backup, model: gpt-4o-mini}]}
          - {name: lone, targets: [{provider: flaky, model: gpt-4o-lone}]}
        routing:
          retry: {attempts: 1}
          circuit_breaker: {consecutive_failures: 3, open_for: 1s, window: 10, minimum_calls: 10, half_open_calls: 1}
        """.formatted(flaky.baseUrl(), LeakGuard.newUpstreamKey(), backup.baseUrl(), LeakGuard.newUpstreamKey()));
    backup.always(ok());
  }

  @AfterEach
  void stop() {
    gateway.close();
    flaky.close();
    backup.close();
  }

  private static UpstreamReply ok() {
    return UpstreamReply.of(Fixtures.load("openai", "chat-text").first());
  }

  private HttpResult chat(String model) {
    return gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, CHAT.formatted(model));
  }

  private JsonNode target(String name) {
    for (JsonNode target : gateway.get("/health/ready", null).json().path("targets")) {
      if (target.path("target").asText().equals(name)) {
        return target;
      }
    }
    throw new AssertionError("no target " + name + " in /health/ready");
  }

  @Test
  void aFailingTargetIsSkippedWhileOpenThenProbedAndClosedAgain() throws InterruptedException {
    flaky.always(UpstreamReply.json(500, "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}"));
    for (int i = 0; i < 10; i++) {
      HttpResult answer = chat("pair");
      assertThat(answer.status()).as("request %d had a live fallback", i).isEqualTo(200);
      assertThat(answer.header("x-switchyard-provider")).isEqualTo("backup");
    }

    assertThat(flaky.received()).as("calls before the breaker opened").hasSize(3);
    assertThat(target("flaky/gpt-4o").path("circuit").asText()).isEqualTo("open");

    flaky.reset();
    flaky.always(ok());
    Thread.sleep(1_200); // the cool-down passes
    HttpResult probe = chat("pair");
    assertThat(probe.header("x-switchyard-provider")).isEqualTo("flaky");
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (!target("flaky/gpt-4o").path("circuit").asText().equals("closed") && System.nanoTime() < deadline) {
      Thread.sleep(20); // the probe's answer is whole at the client a moment before the gateway has counted it
    }
    assertThat(target("flaky/gpt-4o").path("circuit").asText()).isEqualTo("closed");

    assertThat(chat("pair").header("x-switchyard-provider")).isEqualTo("flaky");
  }

  @Test
  void aLoneTargetIsTriedEvenWithItsBreakerOpenAndItsErrorsRelayed() {
    flaky.always(UpstreamReply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    for (int i = 0; i < 6; i++) {
      HttpResult answer = chat("lone");
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.json().at("/error/message").asText()).contains("overloaded");
    }

    assertThat(flaky.received()).as("every request reached the only target").hasSize(6);
  }

  @Test
  void underConcurrentLoadWhileATargetFlapsNoRequestWithALiveFallbackFails() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    flaky.answering(request -> calls.incrementAndGet() % 4 < 2 ? ok() // two well, two failing, and so on
        : UpstreamReply.json(500, "{\"error\":{\"message\":\"flap\",\"type\":\"server_error\"}}"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResult>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        answers.add(pool.submit(() -> chat("pair")));
      }
      for (Future<HttpResult> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(target("flaky/gpt-4o").path("in_flight").asInt()).isZero();
  }
}
