package dev.switchyard.testing.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.testing.Fixtures;
import java.time.Duration;
import java.util.List;

/** How one {@link CliRun} ended: exit code (or timed out), what it printed, how long it took. */
public record CliResult(List<String> command, int exitCode, boolean timedOut, Duration took, String stdout,
    String stderr) {
  private static final int SHOWN = 20_000;

  /** The JSON objects printed one a line (stream-json output), other lines skipped. */
  public List<JsonNode> stdoutJsonLines() {
    return stdout.lines().filter(line -> line.startsWith("{")).map(Fixtures::readJson).toList();
  }

  /** Everything a failure message needs: the command, how it ended and both outputs. */
  public String describe() {
    return "command: " + String.join(" ", command)
        + "\nended: " + (timedOut ? "killed after timing out" : "exit code " + exitCode) + " after "
        + took.toMillis() + " ms"
        + "\n--- stdout ---\n" + shorten(stdout)
        + "\n--- stderr ---\n" + shorten(stderr);
  }

  private static String shorten(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "\n[… " + (text.length() - SHOWN) + " more]";
  }

  @Override
  public String toString() {
    return describe();
  }
}
