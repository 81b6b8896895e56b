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
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.agents.AgentGateway;
import dev.switchyard.testing.agents.CliResult;
import dev.switchyard.testing.agents.CliRun;
import dev.switchyard.testing.agents.FakeModel;
import dev.switchyard.testing.agents.NodeClients;
import dev.switchyard.testing.agents.NoteTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code run headless ({@code claude -p}) on {@code /anthropic}, once per kind of upstream:
 * each run is a tool round trip in which the model asks for Claude Code's {@code Read} tool (a
 * read-only tool that print mode runs without asking), Claude Code reads a file of the run's
 * workspace and sends its content back, and the model answers from it.
 */
class ClaudeCodeIT {
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
  void aClaudeModelDoesAToolRoundTripThroughThePassthrough() throws IOException {
    assertToolRoundTrip(CLAUDE);
  }

  @Test
  void anOpenAiModelDoesAToolRoundTripTranslatedToChatCompletions() throws IOException {
    assertToolRoundTrip(GPT);
  }

  @Test
  void aGeminiModelDoesAToolRoundTripTranslatedToGenerateContent() throws IOException {
    assertToolRoundTrip(GEMINI);
  }

  /** Without tool search Claude Code sends every tool at once, schemas Gemini's subset cannot hold whole among them. */
  @Test
  void everyToolClaudeCodeOffersReachesAGeminiModel() throws IOException {
    assertToolRoundTrip(GEMINI, "ENABLE_TOOL_SEARCH", "false");
  }

  /**
   * The simulator calls the first tool on offer with placeholder arguments ({@code "example"} for a
   * string), then, shown the result, an {@code echo} model repeats the last user message. Claude
   * Code's first tool is {@code Agent}, which starts background sub-agents that call the simulator
   * again without end, so this run offers only {@code Read}: it reads the file {@code example} in
   * the workspace. Stream-json output shows the call and the result the simulator was sent.
   */
  @Test
  void theSimulatorCallsTheFirstOfferedToolAndThenEchoesThePrompt() throws IOException {
    CliRun run = claudeCode(SIMULATOR).args("--tools", "Read", "--max-turns", "4",
        "--output-format", "stream-json", "--verbose")
        .env("ENABLE_TOOL_SEARCH", "false"); // else a deferred-tool placeholder comes first for unknown models
    NoteTask.writeNote(run, "example");
    gateway.gateway().usage().clear();

    CliResult result = run.run();

    assertThat(result.exitCode()).as(result::describe).isZero();
    List<JsonNode> events = result.stdoutJsonLines();
    JsonNode toolUse = contentBlocks(events, "assistant", "tool_use").getFirst();
    assertThat(toolUse.path("name").asText()).isEqualTo("Read");
    assertThat(toolUse.path("input")).isEqualTo(Fixtures.readJson("{\"file_path\":\"example\"}"));
    JsonNode toolResult = contentBlocks(events, "user", "tool_result").getFirst();
    assertThat(toolResult.path("tool_use_id").asText()).isEqualTo(toolUse.path("id").asText());
    assertThat(toolResult.path("content").toString()).contains(NOTE);
    JsonNode outcome = events.getLast();
    assertThat(outcome.path("type").asText()).isEqualTo("result");
    assertThat(outcome.path("subtype").asText()).as(result::describe).isEqualTo("success");
    assertThat(outcome.path("num_turns").asInt()).isEqualTo(2);
    assertThat(outcome.path("result").asText()).endsWith(PROMPT);
    assertThat(gateway.usageOf(SIMULATOR, 2)).hasSize(2).allSatisfy(record -> {
      assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
      assertThat(record.usage()).isPresent();
    });
  }

  private void assertToolRoundTrip(String model, String... environment) throws IOException {
    CliRun run = claudeCode(model);
    for (int i = 0; i + 1 < environment.length; i += 2) {
      run.env(environment[i], environment[i + 1]);
    }
    Path note = NoteTask.writeNote(run, "note.txt");
    FakeModel fake = gateway.play(model, NoteTask.script("Read", note));

    CliResult result = run.run();

    assertThat(result.exitCode()).as(result::describe).isZero();
    assertThat(result.stdout().strip()).as(result::describe).isEqualTo(FINAL_TEXT);
    assertThat(fake.toolResultIn(gateway.requestWithToolResult(model, fake))).contains(NOTE);
    gateway.assertMeteredAsAnswered(model, fake, true);
  }

  private CliRun claudeCode(String model) {
    return new CliRun(runFolder, NodeClients.claudeCode())
        .args("-p", PROMPT, "--model", model)
        .env("ANTHROPIC_BASE_URL", gateway.baseUrl() + "/anthropic")
        .env("ANTHROPIC_API_KEY", GatewayHarness.MASTER_KEY)
        .env("DISABLE_TELEMETRY", "1")
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .timeout(RUN_LIMIT);
  }

  /** The content blocks of one type in the messages of one role, in order. */
  private static List<JsonNode> contentBlocks(List<JsonNode> events, String role, String type) {
    List<JsonNode> blocks = new ArrayList<>();
    for (JsonNode event : events) {
      if (role.equals(event.path("type").asText())) {
        for (JsonNode block : event.path("message").path("content")) {
          if (type.equals(block.path("type").asText())) {
            blocks.add(block);
          }
        }
      }
    }
    assertThat(blocks).as("%s blocks in %s messages", type, role).isNotEmpty();
    return blocks;
  }
}
