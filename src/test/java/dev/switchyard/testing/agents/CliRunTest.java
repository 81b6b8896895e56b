package dev.switchyard.testing.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliRunTest {
  @TempDir
  Path folder;

  private CliRun node(String script) {
    return new CliRun(folder, List.of(NodeClients.node(), "-e", script));
  }

  @Test
  void standardInputIsClosedSoAClientWaitingForItGoesOn() {
    CliResult result = node("process.stdin.on('end', () => console.log('end of input')).resume()").run();

    assertThat(result.exitCode()).as(result::describe).isZero();
    assertThat(result.stdout()).isEqualTo("end of input\n");
  }

  @Test
  void theRunSeesItsOwnHomeAndOnlyTheVariablesItWasGiven() {
    CliRun run = node("console.log(JSON.stringify([process.env.HOME, process.env.GIVEN, process.env.USER ?? null]))")
        .env("GIVEN", "yes");

    CliResult result = run.run();

    assertThat(result.stdout().strip())
        .isEqualTo("[\"" + run.home().toString().replace("\\", "\\\\") + "\",\"yes\",null]");
  }

  @Test
  void aRunPastItsLimitIsKilledWithTheProcessesItStarted() throws Exception {
    CliRun run = node("""
        const child = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'],
            {stdio: 'ignore'});
        require('fs').writeFileSync('child.pid', String(child.pid));
        setInterval(() => {}, 1000);
        """).timeout(Duration.ofSeconds(2));

    CliResult result = run.run();

    assertThat(result.timedOut()).isTrue();
    assertThat(result.describe()).contains("killed after timing out");
    long childPid = Long.parseLong(Files.readString(run.workDir().resolve("child.pid")).strip());
    Optional<ProcessHandle> child = ProcessHandle.of(childPid);
    if (child.isPresent()) { // SIGKILL is sent; the kernel may take a moment to end the process
      child.get().onExit().get(5, TimeUnit.SECONDS);
    }
  }
}
