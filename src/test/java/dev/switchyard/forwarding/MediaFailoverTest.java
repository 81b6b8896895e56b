package dev.switchyard.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.media.LoopbackMedia;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.ExchangeObserver;
import dev.switchyard.protocol.anthropic.AnthropicIngress;
import dev.switchyard.provider.Provider;
import dev.switchyard.simulator.SimulatorTransport;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.PipelineServer;
import dev.switchyard.testing.UpstreamReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Media fetched for one attempt are the request's: a failover attempt gets them without fetching again. */
class MediaFailoverTest {
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Completion> completions = new CopyOnWriteArrayList<>();
  private final ExchangeObserver recorder = new ExchangeObserver() {
    @Override
    public void completed(Exchange exchange, Completion completion) {
      exchanges.add(exchange);
      completions.add(completion);
    }
  };

  @Test
  void aFailoverAttemptDoesNotFetchTheMediaAgain() {
    // Both targets speak OpenAI's chat, which takes documents inline only: each needs the PDF fetched.
    Provider unreachable = Provider.from(new ProviderConfig("closed", ProviderKinds.OPENAI, Optional.empty(),
        Optional.of("http://127.0.0.1:" + FakeUpstream.closedPort() + "/v1"), List.of("sk-closed"), Map.of(),
        Duration.ofSeconds(2), Duration.ofSeconds(5), SimulatorConfig.DEFAULT), SimulatorTransport::of);
    try (FakeUpstream files = FakeUpstream.start();
        PipelineServer server = ForwardingRig.serve(AnthropicIngress.messages(), List.of(), recorder,
            LoopbackMedia.resolver(new MediaConfig(true, 1 << 20, Duration.ofSeconds(2)), LimitsConfig.DEFAULT),
            unreachable, ForwardingRig.simulator("backup"))) {
      files.always(UpstreamReply.raw(200, "application/pdf", "%PDF-1.4".getBytes()));

      HttpResult answer = server.post("/anthropic/v1/messages", "{\"model\":\"echo\",\"max_tokens\":50,"
          + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"url\","
          + "\"url\":\"http://127.0.0.1:" + files.port() + "/paper.pdf\"}},{\"type\":\"text\",\"text\":\"hi\"}]}]}");
      ForwardingRig.awaitCompletion(completions);

      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      assertThat(exchanges.getFirst().attempts()).extracting(a -> a.provider().name())
          .containsExactly("closed", "closed", "backup"); // a refused connection is tried once more
      assertThat(files.received()).hasSize(1);
    }
  }
}
