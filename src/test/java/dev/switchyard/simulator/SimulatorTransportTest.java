package dev.switchyard.simulator;

import static dev.switchyard.simulator.SimulatorHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamFailure;
import dev.switchyard.simulator.SimulatorHarness.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorTransportTest {
  private static SimulatorHarness harness;

  @BeforeAll
  static void start() {
    harness = new SimulatorHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void statusDirectiveInTheBodyAnswersAnOpenAiError() {
    Answer answer = harness.chat(chat("sim-fast", "hi", "\"simulator\":{\"status\":503}"));

    assertThat(answer.status()).isEqualTo(503);
    JsonNode error = answer.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("server_error");
    assertThat(error.path("message").asText()).contains("Simulated HTTP 503");
    assertThat(error.has("param")).isTrue();
    assertThat(error.has("code")).isTrue();
  }

  @Test
  void statusDirectiveInTheMessageGives429WithRetryAfter() {
    Answer answer = harness.chat(chat("sim-fast", "hi\n#simulate status=429", "\"stream\":true"));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.headers().get("retry-after")).isEqualTo("1");
    assertThat(answer.headers().get("content-type")).isEqualTo("application/json");
    assertThat(answer.json().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void unknownDirectiveGets400NamingIt() {
    Answer answer = harness.chat(chat("sim-fast", "#simulate explode", ""));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/message").asText()).contains("explode");
  }

  @Test
  void hangNeverAnswersUntilTheProviderTimeoutFires() {
    Provider provider = SimulatorHarness.provider(SimulatorConfig.DEFAULT, Duration.ofMillis(200));
    long started = System.nanoTime();

    assertThatThrownBy(() -> harness.call(provider, SimulatedChat.PATH, chat("sim-fast", "#simulate hang", "")))
        .isInstanceOfSatisfying(UpstreamFailure.class, failure -> {
          assertThat(failure.isTimeout()).isTrue();
          assertThat(failure.getMessage()).contains("'sim'");
        });
    assertThat(SimulatorHarness.elapsedMillis(started)).isBetween(190L, 5_000L);
  }

  @Test
  void cancelEndsAHangingCallAtOnce() {
    UpstreamCall call = harness.start(SimulatorHarness.provider(), SimulatedChat.PATH,
        chat("sim-fast", "x", "\"simulator\":{\"hang\":true}"));
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    harness.onLoop(() -> call.response().onComplete(result -> outcome.complete(result.cause())));

    assertThat(outcome).isNotDone();
    harness.onLoop(() -> {
      call.cancel();
      return null;
    });

    assertThat(SimulatorHarness.await(outcome)).isInstanceOf(UpstreamFailure.class).hasMessage("cancelled");
  }

  @Test
  void latencyDirectiveDelaysTheHeaders() {
    Answer answer = harness.chat(chat("sim-fast", "hi #simulate latency_ms=150", ""));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headersMillis()).isBetween(145L, 5_000L);
  }

  @Test
  void configuredLatencyIsTheDefaultAndRequestsOverrideIt() {
    Provider slowToStart = SimulatorHarness.provider(new SimulatorConfig(Duration.ofMillis(300), 0),
        Duration.ofSeconds(30));

    Answer configured = harness.call(slowToStart, SimulatedChat.PATH, chat("sim-fast", "hi", ""));
    Answer overridden = harness.call(slowToStart, SimulatedChat.PATH,
        chat("sim-fast", "hi", "\"simulator\":{\"latency_ms\":0}"));

    assertThat(configured.headersMillis()).isBetween(295L, 5_000L);
    assertThat(overridden.headersMillis()).isLessThan(250L);
  }

  @Test
  void latencyBeyondTheProviderTimeoutTimesOut() {
    Provider provider = SimulatorHarness.provider(SimulatorConfig.DEFAULT, Duration.ofMillis(100));

    assertThatThrownBy(() -> harness.call(provider, SimulatedChat.PATH,
        chat("sim-fast", "x", "\"simulator\":{\"latency_ms\":10000}")))
        .isInstanceOfSatisfying(UpstreamFailure.class, failure -> assertThat(failure.isTimeout()).isTrue());
  }

  @Test
  void streamsAtTheRequestedPace() {
    // 20 tokens at 100 a second: about 200 ms after the headers, give or take the timers.
    Answer answer = harness.chat(chat("sim-echo", "a b c d e f g h i j k l m n o p q r s t",
        "\"stream\":true,\"simulator\":{\"tokens_per_second\":100}"));

    long streaming = answer.endMillis() - answer.headersMillis();
    assertThat(streaming).isBetween(150L, 2_000L);
    assertThat(answer.streamedContent()).isEqualTo("a b c d e f g h i j k l m n o p q r s t");
  }

  @Test
  void configuredPaceAppliesAndUnpacedStreamsAreFast() {
    Provider paced = SimulatorHarness.provider(new SimulatorConfig(Duration.ZERO, 50), Duration.ofSeconds(30));
    String body = chat("sim-echo", "a b c d e f g h i j k l m n o p q r s t", "\"stream\":true");

    Answer slow = harness.call(paced, SimulatedChat.PATH, body);
    Answer fast = harness.chat(body);

    // 20 tokens at 50 a second: the last one 380 ms after the first.
    assertThat(slow.endMillis() - slow.headersMillis()).isBetween(370L, 3_000L);
    assertThat(fast.endMillis() - fast.headersMillis()).isLessThan(300L);
  }

  @Test
  void pacedPlainAnswersWaitForTheWholeGeneration() {
    Answer answer = harness.chat(chat("sim-echo", "a b c d e f g h i j", "\"simulator\":{\"tokens_per_second\":100}"));

    assertThat(answer.headersMillis()).isBetween(95L, 2_000L); // 10 tokens at 100 a second
  }

  @Test
  void slowModelsArePacedByDefault() {
    Answer answer = harness.chat(chat("sim-slow-echo", "a b c d", "\"stream\":true"));

    // 4 tokens at 20 a second: 150 ms or more between the first and the last token.
    assertThat(answer.endMillis() - answer.headersMillis()).isBetween(140L, 3_000L);
  }

  @Test
  void failAfterChunksCutsAStreamAfterThatManyChunks() {
    Answer answer = harness.chat(chat("sim-fast", "x #simulate fail_after_chunks=3", "\"stream\":true"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.chunks()).hasSize(3);
    assertThat(answer.eventData()).hasSize(3).doesNotContain("[DONE]");
    assertThat(answer.failure()).isInstanceOf(UpstreamFailure.class).hasMessageContaining("3 chunks");
  }

  @Test
  void failAfterChunksCutsAPlainBodyToo() {
    Answer answer = harness.chat(chat("sim-fast", "x", "\"simulator\":{\"fail_after_chunks\":2}"));

    assertThat(answer.chunks()).hasSize(2);
    assertThat(answer.failure()).isNotNull();
    assertThat(answer.text().length()).isLessThan(Integer.parseInt(answer.headers().get("content-length")));
  }

  @Test
  void cancelStopsAStreamMidwayReportingItOnceLikeAReset() {
    Provider provider = SimulatorHarness.provider(new SimulatorConfig(Duration.ZERO, 50), Duration.ofSeconds(30));
    UpstreamCall call = harness.start(provider, SimulatedChat.PATH, chat("sim-fast", "long", "\"stream\":true"));
    CompletableFuture<Void> twoChunks = new CompletableFuture<>();
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    List<String> events = new ArrayList<>(); // touched on the event loop only
    harness.onLoop(() -> call.response().onSuccess(response -> {
      response.body().handler(chunk -> {
        events.add("chunk");
        if (events.size() == 2) {
          call.cancel();
          twoChunks.complete(null);
        }
      });
      response.body().endHandler(ignored -> events.add("end"));
      response.body().exceptionHandler(failure -> {
        events.add("failure");
        failed.complete(failure);
      });
    }));

    SimulatorHarness.await(twoChunks);
    assertThat(SimulatorHarness.await(failed)).isInstanceOf(UpstreamFailure.class).hasMessage("cancelled");
    harness.quietFor(200); // at 50 tokens a second, ten more chunks would have come

    assertThat(harness.onLoop(() -> List.copyOf(events))).containsExactly("chunk", "chunk", "failure");
  }

  @Test
  void workingOffTheEventLoopFailsClearly() {
    UpstreamCall call = SimulatorHarness.provider().transport()
        .send(SimulatorHarness.provider(), SimulatorHarness.request(SimulatedChat.PATH, chat("m", "x", "")), null);

    assertThat(call.response().failed()).isTrue();
    assertThat(call.response().cause()).hasMessageContaining("event loop");
  }
}
