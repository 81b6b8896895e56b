package dev.switchyard.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.ExchangeObserver;
import dev.switchyard.protocol.anthropic.AnthropicIngress;
import dev.switchyard.protocol.openai.OpenAiIngress;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.PipelineServer;
import dev.switchyard.testing.Sse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What an observer (a metrics or budget stage) sees of an answer without touching protocol code:
 * the first byte, the canonical events of a translated stream or its complete answer, the usage
 * and the end — and of a passthrough, never a parsed body.
 */
class ObservedAnswersTest {
  private static final String STREAMED_MESSAGE = "{\"model\":\"echo\",\"max_tokens\":50,\"stream\":true,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";

  private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  private final List<ChatResponse> answers = new CopyOnWriteArrayList<>();
  private final List<Completion> completions = new CopyOnWriteArrayList<>();
  private final List<Long> firstBytes = new CopyOnWriteArrayList<>();

  private final ExchangeObserver observer = new ExchangeObserver() {
    @Override
    public void responseStarted(Exchange exchange, int status) {
      firstBytes.add(exchange.attempts().getLast().timeToFirstByteMicros().orElseThrow());
    }

    @Override
    public void streamEvent(Exchange exchange, StreamEvent event) {
      events.add(event);
    }

    @Override
    public void answer(Exchange exchange, ChatResponse answer) {
      answers.add(answer);
    }

    @Override
    public void completed(Exchange exchange, Completion completion) {
      completions.add(completion);
    }
  };

  @Test
  void aTranslatedStreamShowsItsCanonicalEventsFirstByteUsageAndEnd() {
    try (PipelineServer server = ForwardingRig.serve(AnthropicIngress.messages(), List.of(), observer,
        ForwardingRig.simulator("sim"))) {
      HttpResult answer = server.post("/anthropic/v1/messages", STREAMED_MESSAGE);
      awaitCompletion();

      assertThat(Sse.events(answer.body()).getLast()).startsWith("event: message_stop");
      assertThat(firstBytes).hasSize(1);
      assertThat(events.getFirst()).isInstanceOf(StreamEvent.Start.class);
      assertThat(events.getLast()).isInstanceOf(StreamEvent.End.class);
      assertThat(events).filteredOn(StreamEvent.TextDelta.class::isInstance).isNotEmpty();
      assertThat(completions).singleElement().satisfies(c -> {
        assertThat(c.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(c.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens()).isPositive());
      });
    }
  }

  @Test
  void aTranslatedCompleteAnswerIsShownInCanonicalForm() {
    try (PipelineServer server = ForwardingRig.serve(AnthropicIngress.messages(), List.of(), observer,
        ForwardingRig.simulator("sim"))) {
      server.post("/anthropic/v1/messages", STREAMED_MESSAGE.replace("\"stream\":true,", ""));
      awaitCompletion();

      assertThat(answers).singleElement().satisfies(a -> assertThat(a.candidates()).hasSize(1));
      assertThat(events).isEmpty();
    }
  }

  @Test
  void aPassthroughStreamIsRelayedUnparsedYetMetered() {
    try (PipelineServer server = ForwardingRig.serve(OpenAiIngress.chatCompletions(Clock.systemUTC()), List.of(),
        observer, ForwardingRig.simulator("sim"))) {
      HttpResult answer = server.post("/v1/chat/completions", "{\"model\":\"echo\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
      awaitCompletion();

      assertThat(Sse.data(answer.body())).last().isEqualTo("[DONE]");
      assertThat(events).isEmpty();
      assertThat(answers).isEmpty();
      assertThat(firstBytes).hasSize(1);
      assertThat(completions).singleElement().satisfies(c -> {
        assertThat(c.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(c.usage()).isPresent();
      });
    }
  }

  private void awaitCompletion() {
    ForwardingRig.awaitCompletion(completions);
  }
}
