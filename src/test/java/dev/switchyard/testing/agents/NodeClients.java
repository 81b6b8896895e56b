package dev.switchyard.testing.agents;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Node clients pinned in {@code src/test/agents} (installed there by the build's
 * {@code pre-integration-test} phase with {@code npm ci}) and the command that starts each.
 */
public final class NodeClients {
  private NodeClients() {}

  /** The folder holding {@code package.json}, as Maven passes it (or the one under the working directory). */
  public static Path folder() {
    return Path.of(System.getProperty("switchyard.agents", "src/test/agents")).toAbsolutePath().normalize();
  }

  /**
   * Claude Code. Its package's own launcher is a stub that an install script would replace with the
   * native binary; install scripts don't run here, so the package's fallback wrapper starts the
   * binary of the platform's optional dependency instead.
   */
  public static List<String> claudeCode() {
    return List.of(node(), installed("@anthropic-ai/claude-code/cli-wrapper.cjs"));
  }

  public static List<String> geminiCli() {
    return List.of(node(), installed("@google/gemini-cli/bundle/gemini.js"));
  }

  /** One of the folder's own scripts, such as {@code ai-sdk-call.mjs}. */
  public static List<String> script(String name) {
    installed("ai/package.json"); // the scripts import the installed packages
    return List.of(node(), folder().resolve(name).toString());
  }

  private static String installed(String file) {
    Path path = folder().resolve("node_modules").resolve(file);
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " is missing: the Node clients are installed by `mvn verify` "
          + "(pre-integration-test runs `node install.mjs` in " + folder() + ")");
    }
    return path.toString();
  }

  /** The {@code node} on the PATH, as an absolute path (a child's PATH is not searched for its own command). */
  static String node() {
    String override = System.getProperty("switchyard.node");
    if (override != null && !override.isBlank()) {
      return override;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("no `node` on the PATH: the agent client tests need Node.js 20+");
  }
}
