package dev.switchyard.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.AttemptResult;
import dev.switchyard.pipeline.AttemptStage;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.ExchangeObserver;
import dev.switchyard.protocol.openai.OpenAiIngress;
import dev.switchyard.provider.Provider;
import dev.switchyard.simulator.SimulatorTransport;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.PipelineServer;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The attempt chain and failover: one attempt per target, each through the attempt stages, until one answers. */
class FailoverStageTest {
  private static final String CHAT = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Completion> completions = new CopyOnWriteArrayList<>();

  private final ExchangeObserver recorder = new ExchangeObserver() {
    @Override
    public void attemptStarted(Exchange exchange, Attempt attempt) {
      seen.add("start " + attempt);
    }

    @Override
    public void completed(Exchange exchange, Completion completion) {
      exchanges.add(exchange);
      completions.add(completion);
    }
  };

  @Test
  void everyAttemptGoesThroughTheAttemptStagesInOrderBeforeItsCall() {
    AttemptStage outer = recording("outer");
    AttemptStage inner = recording("inner");
    try (PipelineServer server = serve(List.of(outer, inner), simulator("first"))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);
      awaitCompletion();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("hi");
      assertThat(seen).containsExactly("start attempt 1 at first/echo", "outer before attempt 1",
          "inner before attempt 1", "inner after Answered", "outer after Answered");
      assertThat(completions).singleElement().satisfies(c -> {
        assertThat(c.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(c.usage()).isPresent();
      });
    }
  }

  @Test
  void anUnansweredAttemptHandsTheRequestToTheNextTarget() {
    AttemptStage firstRefuses = answering((attempt, chain) -> attempt.number() == 1
        ? Future.succeededFuture(new AttemptResult.Unanswered(GatewayException.targetUnavailable("held back")))
        : chain.proceed(attempt));
    try (PipelineServer server = serve(List.of(firstRefuses), simulator("first"), simulator("second"))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);
      awaitCompletion();

      assertThat(answer.status()).isEqualTo(200);
      Exchange exchange = exchanges.getFirst();
      assertThat(exchange.attempts()).extracting(a -> a.provider().name()).containsExactly("first", "second");
      assertThat(exchange.attempts().get(0).triesAgainAfter(401)).as("a refused credential: the next target").isTrue();
      assertThat(exchange.attempts().get(1).triesAgainAfter(401)).as("no target after the last").isFalse();
      assertThat(exchange.attempts().get(1).triesAgainAfter(503)).as("the last target is tried again").isTrue();
      assertThat(exchange.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(503));
      assertThat(exchange.servedBy()).hasValueSatisfying(a -> assertThat(a.number()).isEqualTo(2));
      assertThat(exchange.servedBy().orElseThrow().outcome()).contains(Outcome.COMPLETED);
    }
  }

  @Test
  void whenNoTargetAnswersTheClientGetsTheLastOnesError() {
    AttemptStage refusesAll = answering((attempt, chain) -> Future.succeededFuture(new AttemptResult.Unanswered(
        GatewayException.gatewayTimeout("target " + attempt.number() + " timed out"))));
    try (PipelineServer server = serve(List.of(refusesAll), simulator("first"), simulator("second"))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);
      awaitCompletion();

      assertThat(answer.status()).isEqualTo(504);
      assertThat(answer.json().at("/error/message").asText()).isEqualTo("target 4 timed out");
      assertThat(exchanges.getFirst().attempts()).extracting(a -> a.provider().name())
          .as("a timeout is tried again on the same target, then the next").containsExactly("first", "first", "second",
              "second");
      assertThat(completions).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.REJECTED));
    }
  }

  @Test
  void anUnreachableTargetFailsOverToTheNextWithoutTheClientNoticing() {
    Provider closed = Provider.from(new ProviderConfig("closed", ProviderKinds.OPENAI, Optional.empty(),
        Optional.of("http://127.0.0.1:9/v1"), List.of("sk-closed"), Map.of(),
        java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5), SimulatorConfig.DEFAULT),
        SimulatorTransport::of);
    try (PipelineServer server = serve(List.of(), closed, simulator("backup"))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);
      awaitCompletion();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(exchanges.getFirst().attempts()).extracting(a -> a.provider().name())
          .as("a refused connection is tried once more, then the next target").containsExactly("closed", "closed",
              "backup");
      Attempt failed = exchanges.getFirst().attempts().getFirst();
      assertThat(failed.credential()).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("key #1"));
      assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("unreachable"));
      assertThat(failed.timeToResponseMicros()).isEmpty();
    }
  }

  @Test
  void theLastTriesErrorStatusIsRelayedNotDropped() {
    try (PipelineServer server = serve(List.of(), simulator("only"))) {
      HttpResult answer = server.post("/v1/chat/completions",
          "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"simulator\":{\"status\":503}}");
      awaitCompletion();

      assertThat(answer.status()).isEqualTo(503);
      assertThat(exchanges.getFirst().attempts()).as("a 503 is tried again before it is relayed").hasSize(2);
      Attempt last = exchanges.getFirst().attempts().getLast();
      assertThat(last.upstreamStatus()).isEqualTo(503);
      assertThat(last.outcome()).contains(Outcome.UPSTREAM_ERROR);
      assertThat(completions).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR));
    }
  }

  private void awaitCompletion() {
    ForwardingRig.awaitCompletion(completions);
  }

  private AttemptStage recording(String name) {
    return (attempt, chain) -> {
      seen.add(name + " before " + attempt.toString().replaceAll(" at .*", ""));
      return chain.proceed(attempt).map(result -> {
        seen.add(name + " after " + result.getClass().getSimpleName());
        return result;
      });
    };
  }

  private static AttemptStage answering(BiFunction<Attempt, dev.switchyard.pipeline.AttemptChain,
      Future<AttemptResult>> behaviour) {
    return behaviour::apply;
  }

  private PipelineServer serve(List<AttemptStage> attemptStages, Provider... targets) {
    return ForwardingRig.serve(OpenAiIngress.chatCompletions(Clock.systemUTC()), attemptStages, recorder, targets);
  }

  private static Provider simulator(String name) {
    return ForwardingRig.simulator(name);
  }
}
