package dev.switchyard.testing.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command-line client, sealed off from the machine: an environment of its own (no
 * inherited variables but {@code PATH}; {@code HOME} and {@code TMPDIR} in an empty folder of the
 * run), standard input closed, output kept in files, and a time limit after which the process and
 * everything it started is killed.
 */
public final class CliRun {
  private final Path folder;
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path workDir;
  private Duration timeout = Duration.ofSeconds(60);

  /**
   * A run whose home, temporary and working folders are made under {@code folder} (a test's
   * temporary directory): {@code home/}, {@code tmp/}, {@code work/}.
   */
  public CliRun(Path folder, List<String> command) {
    this.folder = folder;
    this.command.addAll(command);
    try {
      Files.createDirectories(home());
      Files.createDirectories(folder.resolve("tmp"));
      workDir = Files.createDirectories(folder.resolve("work"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", home().toString());
    environment.put("TMPDIR", folder.resolve("tmp").toString());
    environment.put("LANG", "C.UTF-8");
    environment.put("NO_COLOR", "1");
  }

  /** The run's own empty home folder. */
  public Path home() {
    return folder.resolve("home");
  }

  /** The folder the command runs in (its workspace), empty unless the test puts files there. */
  public Path workDir() {
    return workDir;
  }

  public CliRun args(String... more) {
    command.addAll(List.of(more));
    return this;
  }

  public CliRun env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public CliRun timeout(Duration limit) {
    timeout = limit;
    return this;
  }

  /** Runs the command to its end or its time limit. */
  public CliResult run() {
    Path stdout = folder.resolve("stdout.txt");
    Path stderr = folder.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().clear();
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    try {
      Process process = builder.start();
      process.getOutputStream().close(); // stdin at end of input: nothing waits for a person
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        killTree(process);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return new CliResult(List.copyOf(command), finished ? process.exitValue() : -1, !finished, took,
          Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the process's descendants first (a wrapper's child would outlive it), then the process. */
  private static void killTree(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }
}
