package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.GatewayHttp;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code java -jar switchyard.jar --config FILE --port N}, on
 * the JDK running the tests. One process serves the whole class; the bad-config case runs its own.
 */
class JarLaunchIT {
  private static final String MASTER_KEY = "sk-sy-jar-master-0123456789abcdefghijkl";
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration RELOAD = Duration.ofSeconds(8);

  @TempDir
  static Path dir;
  private static FakeUpstream upstream;
  private static Path config;
  private static Path log;
  private static Process gateway;
  private static GatewayHttp http;
  private static String baseUrl;

  @BeforeAll
  static void start() throws IOException {
    upstream = FakeUpstream.start();
    upstream.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));
    config = dir.resolve("switchyard.yaml");
    Files.writeString(config, config(List.of("gpt-4o")));
    log = dir.resolve("gateway.log");
    int port = freePort();
    baseUrl = "http://127.0.0.1:" + port;
    gateway = launch(log, "--config", config.toString(), "--port", Integer.toString(port));
    http = new GatewayHttp(() -> baseUrl);
    awaitTrue(START, () -> ready(http), () -> "the jar did not become ready; its log:\n" + read(log));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (gateway != null) {
      gateway.destroy();
      if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
    if (http != null) {
      http.close();
    }
    upstream.close();
    LeakGuard.assertNoLeaks();
  }

  @Test
  void jarServesAnSdkCall() {
    OpenAIClient client = GatewayHarness.openAiClient(baseUrl, MASTER_KEY, body -> { });
    try {
      ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("gpt-4o").addUserMessage("What is the capital of France?").build());

      assertThat(answer.choices().get(0).message().content()).contains("The capital of France is Paris.");
      assertThat(http.get("/health/ready", null).json().path("status").asText()).isEqualTo("ready");
    } finally {
      client.close();
    }
  }

  @Test
  void configEditsApplyWithoutRestartAndInvalidOnesAreRejected() throws IOException {
    Files.writeString(config, config(List.of("gpt-4o", "gpt-4o-mini")));

    awaitTrue(RELOAD, () -> listedModels().contains("gpt-4o-mini"),
        () -> "the added model was not served; models: " + listedModels() + "\nlog:\n" + read(log));
    assertThat(chat("gpt-4o-mini").status()).isEqualTo(200);

    Files.writeString(config, config(List.of("gpt-4o", "gpt-4o-mini", "o1-mini")).replace("kind:", "kindd:"));

    awaitTrue(RELOAD, () -> read(log).contains("config change rejected"),
        () -> "the invalid edit was not reported; log:\n" + read(log));
    assertThat(read(log)).contains("kindd");
    assertThat(listedModels()).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
    assertThat(chat("gpt-4o-mini").status()).isEqualTo(200);
    assertThat(chat("o1-mini").status()).isEqualTo(404);
  }

  @Test
  void invalidConfigStopsTheJarNamingTheFileLineAndKey() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    String text = config(List.of("gpt-4o")).replace("kind:", "kindd:");
    Files.writeString(bad, text);
    int line = lineOf(text, "kindd:");
    Path output = dir.resolve("bad.log");

    Process process = launch(output, "--config", bad.toString(), "--port", Integer.toString(freePort()));
    boolean exited = process.waitFor(START.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }

    assertThat(exited).as("the process exited; output:\n%s", read(output)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(read(output)).contains(bad + ":" + line + ":").contains("providers[0].kindd");
  }

  private static String config(List<String> models) {
    StringBuilder yaml = new StringBuilder()
        .append("server:\n  host: 127.0.0.1\n  master_key: \"").append(MASTER_KEY).append("\"\n")
        .append("storage:\n  url: \"sqlite:").append(dir.resolve("switchyard.db")).append("\"\n")
        .append("providers:\n")
        .append("  - name: openai\n")
        .append("    kind: openai\n")
        .append("    base_url: \"").append(upstream.baseUrl()).append("\"\n")
        .append("    api_keys: [\"").append(LeakGuard.newUpstreamKey()).append("\"]\n")
        .append("models:\n");
    for (String model : models) {
      yaml.append("  - {name: ").append(model).append(", targets: [{provider: openai}]}\n");
    }
    return yaml.toString();
  }

  private static Process launch(Path output, String... args) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", System.getProperty("switchyard.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHYARD_") || name.endsWith("_API_KEY"));
    return builder.start();
  }

  private static boolean ready(GatewayHttp http) {
    try {
      return http.get("/health/ready", null).status() == 200;
    } catch (IllegalStateException e) {
      return false; // not listening yet
    }
  }

  private static List<String> listedModels() {
    List<String> models = new ArrayList<>();
    http.get("/v1/models", MASTER_KEY).json().path("data").forEach(m -> models.add(m.path("id").asText()));
    return models;
  }

  private static HttpResult chat(String model) {
    return http.post("/v1/chat/completions", MASTER_KEY,
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static void awaitTrue(Duration limit, BooleanSupplier condition, Supplier<String> why) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(why.get());
      }
      if (gateway != null && !gateway.isAlive()) {
        throw new AssertionError("the jar exited with " + gateway.exitValue() + "; its log:\n" + read(log));
      }
      try {
        Thread.sleep(100); // polling a separate process: there is nothing to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(needle + " not in " + text);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
