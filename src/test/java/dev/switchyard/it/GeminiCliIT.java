package dev.switchyard.it;

import static dev.switchyard.testing.agents.AgentGateway.CLAUDE;
import static dev.switchyard.testing.agents.AgentGateway.GEMINI;
import static dev.switchyard.testing.agents.AgentGateway.GPT;
import static dev.switchyard.testing.agents.AgentGateway.SIMULATOR;
import static dev.switchyard.testing.agents.NoteTask.FINAL_TEXT;
import static dev.switchyard.testing.agents.NoteTask.NOTE;
import static dev.switchyard.testing.agents.NoteTask.PROMPT;
import static dev.switchyard.testing.agents.NoteTask.RUN_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.agents.AgentGateway;
import dev.switchyard.testing.agents.CliResult;
import dev.switchyard.testing.agents.CliRun;
import dev.switchyard.testing.agents.FakeGeminiModel;
import dev.switchyard.testing.agents.FakeModel;
import dev.switchyard.testing.agents.NodeClients;
import dev.switchyard.testing.agents.NoteTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI run headless ({@code gemini -p}) on {@code /gemini}, once per kind of upstream: each
 * run is a tool round trip in which the model asks for the CLI's {@code read_file} tool (read-only,
 * so the non-interactive mode runs it without approval), the CLI reads a file of the run's
 * workspace and sends its content back as a {@code functionResponse}, and the model answers.
 */
class GeminiCliIT {
  private static AgentGateway gateway;

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

  @Test
  void aGeminiModelDoesAToolRoundTripThroughThePassthrough() throws IOException {
    ReceivedRequest second = assertToolRoundTrip(GEMINI);

    assertThat(second.path()).isEqualTo("/v1beta/models/gemini-2.5-flash-001:streamGenerateContent?alt=sse");
    JsonNode contents = second.json().path("contents");
    assertThat(contents.get(contents.size() - 2).toString()).as("the call's own thought signature, sent back")
        .contains(FakeGeminiModel.THOUGHT_SIGNATURE);
  }

  @Test
  void aClaudeModelDoesAToolRoundTripTranslatedToMessages() throws IOException {
    assertToolRoundTrip(CLAUDE);
  }

  @Test
  void anOpenAiModelDoesAToolRoundTripTranslatedToChatCompletions() throws IOException {
    assertToolRoundTrip(GPT);
  }

  /**
   * The simulator calls the first tool on offer with placeholder arguments ({@code "example"} for a
   * string), then, shown the result, an {@code echo} model repeats the last user message. This run
   * offers only {@code read_file} (settings {@code tools.core}), so the call reads the file
   * {@code example} in the workspace; stream-json output shows the call and its result.
   */
  @Test
  void theSimulatorCallsTheFirstOfferedToolAndThenEchoesThePrompt() throws IOException {
    CliRun run = geminiCli(SIMULATOR, settings -> settings.putObject("tools").putArray("core").add("read_file"))
        .args("--output-format", "stream-json");
    NoteTask.writeNote(run, "example");
    gateway.gateway().usage().clear();

    CliResult result = run.run();

    assertThat(result.exitCode()).as(result::describe).isZero();
    List<JsonNode> events = result.stdoutJsonLines();
    JsonNode toolUse = only(events, "tool_use");
    assertThat(toolUse.path("tool_name").asText()).isEqualTo("read_file");
    assertThat(toolUse.path("parameters")).isEqualTo(Fixtures.readJson("{\"file_path\":\"example\"}"));
    JsonNode toolResult = only(events, "tool_result");
    assertThat(toolResult.path("tool_id").asText()).isEqualTo(toolUse.path("tool_id").asText());
    assertThat(toolResult.path("status").asText()).isEqualTo("success");
    StringBuilder answer = new StringBuilder();
    events.stream().filter(e -> "message".equals(e.path("type").asText()))
        .filter(e -> "assistant".equals(e.path("role").asText()))
        .forEach(e -> answer.append(e.path("content").asText()));
    assertThat(answer.toString()).endsWith(PROMPT);
    JsonNode outcome = events.getLast();
    assertThat(outcome.path("type").asText()).isEqualTo("result");
    assertThat(outcome.path("status").asText()).isEqualTo("success");
    assertThat(outcome.path("stats").path("tool_calls").asInt()).isEqualTo(1);
    assertThat(gateway.usageOf(SIMULATOR, 2)).hasSize(2).allSatisfy(record -> {
      assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
      assertThat(record.usage()).isPresent();
    });
  }

  private ReceivedRequest assertToolRoundTrip(String model) throws IOException {
    CliRun run = geminiCli(model, settings -> { });
    Path note = NoteTask.writeNote(run, "note.txt");
    FakeModel fake = gateway.play(model, NoteTask.script("read_file", note));

    CliResult result = run.run();

    assertThat(result.exitCode()).as(result::describe).isZero();
    assertThat(result.stdout().strip()).as(result::describe).isEqualTo(FINAL_TEXT);
    ReceivedRequest second = gateway.requestWithToolResult(model, fake);
    assertThat(fake.toolResultIn(second)).contains(NOTE);
    gateway.assertMeteredAsAnswered(model, fake, true);
    return second;
  }

  /** A run with the settings the CLI needs to start headless: API-key auth, no updates, no telemetry. */
  private CliRun geminiCli(String model, Consumer<ObjectNode> moreSettings) throws IOException {
    CliRun run = new CliRun(runFolder, NodeClients.geminiCli())
        .args("-p", PROMPT, "-m", model)
        .env("GEMINI_API_KEY", GatewayHarness.MASTER_KEY)
        .env("GOOGLE_GEMINI_BASE_URL", gateway.baseUrl() + "/gemini")
        .env("GEMINI_CLI_TRUST_WORKSPACE", "true")
        .timeout(RUN_LIMIT);
    ObjectNode settings = Fixtures.JSON.createObjectNode();
    settings.putObject("security").putObject("auth").put("selectedType", "gemini-api-key");
    settings.putObject("general").put("disableAutoUpdate", true);
    settings.putObject("privacy").put("usageStatisticsEnabled", false);
    settings.putObject("telemetry").put("enabled", false);
    moreSettings.accept(settings);
    Path folder = Files.createDirectories(run.home().resolve(".gemini"));
    Files.writeString(folder.resolve("settings.json"), settings.toPrettyString());
    return run;
  }

  private static JsonNode only(List<JsonNode> events, String type) {
    List<JsonNode> matching = events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    assertThat(matching).as("%s events", type).hasSize(1);
    return matching.getFirst();
  }
}
