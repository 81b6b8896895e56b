package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.agents.AgentGateway;
import dev.switchyard.testing.agents.CliResult;
import dev.switchyard.testing.agents.CliRun;
import dev.switchyard.testing.agents.FakeModel;
import dev.switchyard.testing.agents.NodeClients;
import dev.switchyard.testing.agents.ToolScript.Tokens;
import dev.switchyard.testing.agents.ToolScript.Turn;
import dev.switchyard.testing.agents.ToolScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vercel AI SDK ({@code ai} with its OpenAI, Anthropic and Google providers) against every
 * upstream protocol: each SDK provider, pointed at its own Switchyard endpoint, calls a model on a
 * fake Anthropic, OpenAI and Gemini upstream, so every pairing of client protocol and upstream
 * protocol (passthrough and translated) runs {@code generateText}, {@code streamText} and a
 * two-step tool call. {@code ai-sdk-call.mjs} makes one call and prints what the SDK returned.
 */
class AiSdkIT {
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
  private static final ToolScript WEATHER = new ToolScript("weather",
      Fixtures.readJson("{\"city\":\"Paris\"}"), "It is sunny in Paris, 21 °C.", "Hello from the upstream!");
  private static AgentGateway gateway;
  private final Map<String, FakeModel> fakes = new HashMap<>();

  @TempDir
  Path runFolder;

  @BeforeAll
  static void start() {
    gateway = new AgentGateway();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void answerAsScripted() {
    AgentGateway.FAKED.forEach(model -> fakes.put(model, gateway.play(model, WEATHER)));
  }

  /** Every SDK provider with the model of every fake upstream. */
  static Stream<Arguments> sdkProvidersAndModels() {
    return Stream.of("openai", "anthropic", "google")
        .flatMap(sdk -> AgentGateway.FAKED.stream().map(model -> Arguments.of(sdk, model)));
  }

  @ParameterizedTest(name = "{0} provider, {1}")
  @MethodSource("sdkProvidersAndModels")
  void generateTextReturnsTheUpstreamAnswerWithItsUsage(String sdk, String model) {
    JsonNode answer = call(sdk, "generate", model);

    assertThat(answer.path("text").asText()).isEqualTo(WEATHER.plainText());
    assertThat(answer.path("finishReason").asText()).isEqualTo("stop");
    assertUsage(answer.path("usage"), Turn.PLAIN.usage());
    assertThat(gateway.upstream(model).received()).hasSize(1);
    gateway.assertMeteredAsAnswered(model, fakes.get(model), false);
  }

  @ParameterizedTest(name = "{0} provider, {1}")
  @MethodSource("sdkProvidersAndModels")
  void streamTextDeliversTheAnswerInPartsAndTheUsageAtTheEnd(String sdk, String model) {
    JsonNode answer = call(sdk, "stream", model);

    assertThat(answer.path("text").asText()).isEqualTo(WEATHER.plainText());
    assertThat(answer.path("textParts").asInt()).as("text deltas").isGreaterThan(1);
    assertThat(answer.path("finishReason").asText()).isEqualTo("stop");
    assertUsage(answer.path("usage"), Turn.PLAIN.usage());
    gateway.assertMeteredAsAnswered(model, fakes.get(model), true);
  }

  @ParameterizedTest(name = "{0} provider, {1}")
  @MethodSource("sdkProvidersAndModels")
  void aToolCallTakesTwoStepsAndTheToolResultReachesTheUpstream(String sdk, String model) {
    JsonNode answer = call(sdk, "tools", model);

    JsonNode steps = answer.path("steps");
    assertThat(steps.size()).as("steps of %s", answer).isEqualTo(2);
    JsonNode call = steps.get(0);
    assertThat(call.path("finishReason").asText()).isEqualTo("tool-calls");
    assertThat(call.path("toolCalls")).isEqualTo(Fixtures.readJson(
        "[{\"toolName\":\"weather\",\"input\":{\"city\":\"Paris\"}}]"));
    assertThat(call.path("toolResults").path(0).path("output").path("forecast").asText()).isEqualTo("sunny");
    assertUsage(call.path("usage"), Turn.CALL_TOOL.usage());
    JsonNode last = steps.get(1);
    assertThat(last.path("finishReason").asText()).isEqualTo("stop");
    assertUsage(last.path("usage"), Turn.ANSWER_TOOL_RESULT.usage());
    assertThat(answer.path("text").asText()).isEqualTo(WEATHER.finalText());
    Tokens callUsage = Turn.CALL_TOOL.usage();
    Tokens answerUsage = Turn.ANSWER_TOOL_RESULT.usage();
    assertUsage(answer.path("totalUsage"),
        new Tokens(callUsage.input() + answerUsage.input(), callUsage.output() + answerUsage.output()));

    FakeModel fake = fakes.get(model);
    List<ReceivedRequest> received = gateway.upstream(model).received();
    assertThat(received).hasSize(2);
    assertThat(fake.carriesToolResult(received.get(1))).as("second request %s", received.get(1)).isTrue();
    assertThat(fake.toolResultIn(received.get(1))).contains("sunny").contains("21");
    gateway.assertMeteredAsAnswered(model, fake, false);
  }

  private JsonNode call(String sdk, String operation, String model) {
    CliResult result = new CliRun(runFolder, NodeClients.script("ai-sdk-call.mjs"))
        .args(sdk, operation, model)
        .env("SWITCHYARD_URL", gateway.baseUrl())
        .env("SWITCHYARD_KEY", GatewayHarness.MASTER_KEY)
        .timeout(RUN_LIMIT)
        .run();
    assertThat(result.exitCode()).as(result::describe).isZero();
    List<JsonNode> lines = result.stdoutJsonLines();
    assertThat(lines).as(result::describe).hasSize(1);
    return lines.getFirst();
  }

  private static void assertUsage(JsonNode usage, Tokens expected) {
    assertThat(usage.path("inputTokens").asInt()).as("input tokens in %s", usage).isEqualTo(expected.input());
    assertThat(usage.path("outputTokens").asInt()).as("output tokens in %s", usage).isEqualTo(expected.output());
  }
}
