package dev.switchyard.testing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.agents.ToolScript.Turn;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Switchyard as the client tests use it: one model per kind of upstream — {@value #CLAUDE} on a
 * fake Anthropic, {@value #GPT} on a fake OpenAI, {@value #GEMINI} on a fake Gemini upstream (each
 * renamed on the way, as operators do) and {@value #SIMULATOR} on the built-in simulator — and the
 * checks every client test makes of what reached an upstream and what was metered.
 */
public final class AgentGateway implements AutoCloseable {
  public static final String CLAUDE = "claude-sonnet-4-5";
  public static final String GPT = "gpt-4.1";
  public static final String GEMINI = "gemini-2.5-flash";
  public static final String SIMULATOR = "sim-echo";
  /** The models on fake upstreams, whose requests a test can see. */
  public static final List<String> FAKED = List.of(CLAUDE, GPT, GEMINI);

  private final FakeUpstream anthropic = FakeUpstream.start();
  private final FakeUpstream openai = FakeUpstream.start();
  private final FakeUpstream gemini = FakeUpstream.start();
  private final GatewayHarness gateway = GatewayHarness.start("""
      providers:
        - {name: claude, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
        - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
        - {name: google, kind: gemini, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
        - {name: sim, kind: simulator}
      models:
        - {name: %s, targets: [{provider: claude, model: claude-sonnet-4-5-20250929}]}
        - {name: %s, targets: [{provider: openai, model: gpt-4.1-2025-04-14}]}
        - {name: %s, targets: [{provider: google, model: gemini-2.5-flash-001}]}
        - {name: %s, targets: [{provider: sim, model: sim-echo}]}
      """.formatted(anthropic.port(), LeakGuard.newUpstreamKey(), openai.baseUrl(), LeakGuard.newUpstreamKey(),
      gemini.port(), LeakGuard.newUpstreamKey(), CLAUDE, GPT, GEMINI, SIMULATOR));

  public GatewayHarness gateway() {
    return gateway;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return gateway.baseUrl();
  }

  /** The fake upstream behind one of the {@link #FAKED} models. */
  public FakeUpstream upstream(String model) {
    return switch (model) {
      case CLAUDE -> anthropic;
      case GPT -> openai;
      case GEMINI -> gemini;
      default -> throw new IllegalArgumentException("no fake upstream behind " + model);
    };
  }

  /**
   * Makes the model's upstream answer from now on as a model of its protocol playing
   * {@code script}, forgetting what it received before and the usage recorded so far.
   */
  public FakeModel play(String model, ToolScript script) {
    Function<ToolScript, FakeModel> protocol = switch (model) {
      case CLAUDE -> FakeAnthropicModel::new;
      case GPT -> FakeOpenAiModel::new;
      case GEMINI -> FakeGeminiModel::new;
      default -> throw new IllegalArgumentException("no fake upstream behind " + model);
    };
    FakeModel fake = protocol.apply(script);
    upstream(model).reset();
    upstream(model).answering(fake);
    gateway.usage().clear();
    return fake;
  }

  /** The request of the round trip's second leg, which the client sent with the tool's result. */
  public ReceivedRequest requestWithToolResult(String model, FakeModel fake) {
    List<ReceivedRequest> received = upstream(model).received();
    return received.stream().filter(fake::carriesToolResult).findFirst()
        .orElseThrow(() -> new AssertionError("no request to " + model + " carried the tool result; received:\n"
            + String.join("\n", received.stream().map(ReceivedRequest::toString).toList())));
  }

  /**
   * Checks that each generation request the fake answered was metered once, streamed as the
   * client asked, with the token counts the fake reported for it.
   */
  public void assertMeteredAsAnswered(String model, FakeModel fake, boolean streamed) {
    List<Turn> turns = upstream(model).received().stream().map(fake::turn).flatMap(Optional::stream).toList();
    List<UsageRecord> records = gateway.usage().await(r -> model.equals(r.model()), turns.size());
    assertThat(records).as("usage records of %s", model).hasSize(turns.size());
    assertThat(records).allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
      assertThat(r.stream()).as("streamed").isEqualTo(streamed);
    });
    assertThat(records).extracting(r -> r.usage().orElseThrow().outputTokens())
        .containsExactlyInAnyOrderElementsOf(turns.stream().map(t -> (long) t.usage().output()).toList());
    assertThat(records).extracting(r -> r.usage().orElseThrow().inputTokens())
        .containsExactlyInAnyOrderElementsOf(turns.stream().map(t -> (long) t.usage().input()).toList());
  }

  /** The records of {@code count} requests to {@code model}, once all are in. */
  public List<UsageRecord> usageOf(String model, int count) {
    return gateway.usage().await(r -> model.equals(r.model()), count);
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      anthropic.close();
      openai.close();
      gemini.close();
    }
  }
}
