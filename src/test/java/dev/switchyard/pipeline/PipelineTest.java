package dev.switchyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.protocol.anthropic.AnthropicIngress;
import dev.switchyard.protocol.openai.OpenAiIngress;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.PipelineServer;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final Usage USAGE = new Usage(3, 0, 0, 4, 0);

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Completion> completions = new CopyOnWriteArrayList<>();

  /** The last stage: answers 200 and reports usage, as an attempt that served the request would. */
  private static final Stage ANSWERS = (request, chain) -> {
    chain.exchange().head(200, "application/json").end("{\"ok\":true}");
    return Future.succeededFuture(new Completion(Outcome.COMPLETED, 200, Optional.of(USAGE)));
  };

  private final Stage readsBody = new ReadBodyStage(() -> 1 << 20);

  private final ExchangeObserver recorder = new ExchangeObserver() {
    @Override
    public void responseStarted(Exchange exchange, int status) {
      seen.add("response started " + status);
    }

    @Override
    public void completed(Exchange exchange, Completion completion) {
      completions.add(completion);
    }
  };

  @Test
  void stagesRunInOrderEachSeeingWhatTheOnesBeforeItLearned() {
    Stage authenticates = (request, chain) -> {
      seen.add("auth sees principal " + request.principal().isPresent());
      return chain.proceed(request.withPrincipal(Principal.MASTER));
    };
    Stage inspects = (request, chain) -> {
      seen.add("next sees " + request.principal().map(Principal::keyId).orElse("nobody") + " asking for "
          + request.model());
      return chain.proceed(request);
    };
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(authenticates, readsBody, inspects,
        ANSWERS), List.of(recorder)), OpenAiIngress.chatCompletions(Clock.systemUTC()))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header("x-request-id")).startsWith("req_");
      assertThat(seen).containsExactly("auth sees principal false", "next sees master asking for m",
          "response started 200");
    }
  }

  @Test
  void aStageSeesTheCompletionOfWhatItCalled() {
    Stage settles = (request, chain) -> chain.proceed(request).map(completion -> {
      seen.add("settled " + completion.outcome() + " with " + completion.usage().orElseThrow().outputTokens());
      return completion;
    });
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(settles, ANSWERS), List.of(recorder)),
        OpenAiIngress.chatCompletions(Clock.systemUTC()))) {
      server.post("/v1/chat/completions", CHAT);

      assertThat(seen).contains("settled COMPLETED with 4");
      assertThat(completions).containsExactly(new Completion(Outcome.COMPLETED, 200, Optional.of(USAGE)));
    }
  }

  @Test
  void aRejectionIsAnsweredInTheClientsProtocolAndSeenAsRejected() {
    Stage refuses = (request, chain) -> Future.failedFuture(GatewayException.forbidden("Not for you."));
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(readsBody, refuses, ANSWERS),
        List.of(recorder)), AnthropicIngress.messages())) {
      HttpResult answer = server.post("/anthropic/v1/messages",
          "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.json().path("type").asText()).isEqualTo("error");
      assertThat(answer.json().at("/error/type").asText()).isEqualTo("permission_error");
      assertThat(answer.json().at("/error/message").asText()).isEqualTo("Not for you.");
      assertThat(completions).containsExactly(new Completion(Outcome.REJECTED, 403, Optional.empty()));
    }
  }

  @Test
  void aBadBodyIsRefusedBeforeTheStagesAfterReadingRun() {
    Stage after = (request, chain) -> {
      seen.add("after reading");
      return chain.proceed(request);
    };
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(readsBody, after, ANSWERS),
        List.of(recorder)), OpenAiIngress.chatCompletions(Clock.systemUTC()))) {
      HttpResult answer = server.post("/v1/chat/completions", "{\"model\":42}");

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(seen).doesNotContain("after reading");
    }
  }

  @Test
  void anUnexpectedFailureIsA500ThatNamesOnlyTheRequestId() {
    Stage breaks = (request, chain) -> {
      throw new IllegalStateException("secret internals");
    };
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(breaks), List.of(recorder)),
        OpenAiIngress.chatCompletions(Clock.systemUTC()))) {
      HttpResult answer = server.post("/v1/chat/completions", CHAT);

      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.text()).doesNotContain("secret internals")
          .contains(answer.header("x-request-id"));
      assertThat(completions).hasSize(1).first().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.REJECTED));
    }
  }

  @Test
  void aFailureAfterTheAnswerBeganIsSeenAsInterruptedNotAsAnError() {
    Stage startsThenBreaks = (request, chain) -> {
      chain.exchange().head(200, "text/event-stream").setChunked(true).write("data: {}\n\n");
      return Future.failedFuture(new IllegalStateException("mid-stream"));
    };
    try (PipelineServer server = PipelineServer.start(new Pipeline(List.of(startsThenBreaks), List.of(recorder)),
        OpenAiIngress.chatCompletions(Clock.systemUTC()))) {
      try {
        server.post("/v1/chat/completions", CHAT);
      } catch (IllegalStateException reset) {
        // the connection is reset: the client must not take the answer as whole
      }
      assertThat(completions).hasSize(1).first()
          .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.INTERRUPTED));
    }
  }
}
