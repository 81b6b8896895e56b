package dev.switchyard.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, hostile input: thousands of mutated requests, made deterministically from the recorded
 * requests of the shared fixtures, go to every client endpoint (OpenAI, Anthropic, Gemini) for a
 * model on each kind of provider, so each endpoint is fuzzed both as passthrough and translated.
 * The providers are fakes that answer everything well, so the gateway must never answer 5xx, every
 * error must be JSON in the client's own protocol, nothing may be logged at ERROR or with a stack
 * trace, and the gateway must be healthy and serving afterwards.
 *
 * <p>Every case is made from its own {@code Random} seeded by the run's seed and its index, so a
 * failing case is replayed alone with {@code -Dfuzz.case=<index>} (and {@code -Dfuzz.seed} if the
 * seed was changed); {@code -Dfuzz.cases} sets how many cases run.
 */
class IngressFuzzIT {
  private static final long SEED = Long.getLong("fuzz.seed", 10L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 12_000);
  private static final Integer ONLY_CASE = Integer.getInteger("fuzz.case");
  /** Concurrent clients: enough to keep two cores busy without queueing behind each other. */
  private static final int CLIENTS = 4;
  /** A hard stop for the whole run, far above the ~30 s it takes, so a hang fails instead of stalling. */
  private static final Duration BUDGET = Duration.ofSeconds(150);
  private static final Pattern CASE_ID = Pattern.compile("fuzz-(\\d+)");

  private static final RecordedProviders PROVIDERS = new RecordedProviders();
  private static LogCapture log;
  private static FakeUpstream openAi;
  private static FakeUpstream anthropic;
  private static FakeUpstream gemini;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    log = LogCapture.start();
    openAi = FakeUpstream.start().answering(PROVIDERS::openAi);
    anthropic = FakeUpstream.start().answering(PROVIDERS::anthropic);
    gemini = FakeUpstream.start().answering(PROVIDERS::gemini);
    gateway = GatewayHarness.start("""
        providers:
          - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: anthropic, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
          - {name: gemini, kind: gemini, base_url: "http://127.0.0.1:%d", api_keys: ["%s"]}
        models:
          - {name: %s, targets: [{provider: openai, model: %s}]}
          - {name: %s, targets: [{provider: anthropic, model: %s}]}
          - {name: %s, targets: [{provider: gemini, model: %s}]}
        """.formatted(openAi.baseUrl(), LeakGuard.newUpstreamKey(), anthropic.port(), LeakGuard.newUpstreamKey(),
        gemini.port(), LeakGuard.newUpstreamKey(),
        FuzzModel.ON_OPENAI.routeName(), FuzzModel.ON_OPENAI.upstreamModel(),
        FuzzModel.ON_ANTHROPIC.routeName(), FuzzModel.ON_ANTHROPIC.upstreamModel(),
        FuzzModel.ON_GEMINI.routeName(), FuzzModel.ON_GEMINI.upstreamModel()));
  }

  @AfterAll
  static void stop() {
    try {
      gateway.close();
    } finally {
      openAi.close();
      anthropic.close();
      gemini.close();
      log.close();
    }
  }

  @Test
  void hostileRequestsGetAnswersInTheClientsProtocolAndNever5xx() throws InterruptedException {
    FuzzSeeds seeds = FuzzSeeds.load();
    int first = ONLY_CASE == null ? 0 : ONLY_CASE;
    int end = ONLY_CASE == null ? CASES : ONLY_CASE + 1;
    Tally tally = new Tally();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger(first);
    long started = System.nanoTime();
    long deadline = started + BUDGET.toNanos();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      clients.execute(() -> {
        for (int index = next.getAndIncrement(); index < end && System.nanoTime() < deadline;
            index = next.getAndIncrement()) {
          try {
            FuzzCase fuzz = HostileBodies.make(index, caseRandom(index), seeds);
            if (ONLY_CASE != null) {
              System.out.println("replaying " + fuzz);
            }
            String problem = send(fuzz, tally);
            if (problem != null) {
              failures.add(fuzz + "\n    " + problem);
            }
          } catch (RuntimeException e) { // the fuzzer's own fault: reported, and the other cases still run
            failures.add("case " + index + ": the fuzzer failed: " + e);
          }
        }
      });
    }
    clients.shutdown();
    boolean finished = clients.awaitTermination(BUDGET.toSeconds() + 30, TimeUnit.SECONDS);
    clients.shutdownNow();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.println("ingress fuzz: seed " + SEED + ", " + tally.total() + " cases in " + took.toMillis() + " ms\n"
        + tally.report());

    assertThat(finished && tally.total() == end - first)
        .as("all %d cases answered within %s (ran %d)", end - first, BUDGET, tally.total()).isTrue();
    assertThat(failures).as("cases the gateway answered wrongly (%d); replay one with -Dfuzz.case=<index>:\n%s",
        failures.size(), firstOf(failures, 25)).isEmpty();
    assertThat(PROVIDERS.unreadable()).as("bodies the gateway forwarded that are not JSON objects").isEmpty();
    assertThat(log.problemCount()).as("ERROR lines and stack traces logged during the run (%d):\n%s",
        log.problemCount(), withCases(log.problems(), seeds)).isZero();
    if (ONLY_CASE == null) {
      assertThat(tally.missingSuccesses()).as("endpoint and model pairs no case got through to a provider on")
          .isEmpty();
    }
    assertHealthyAndServing();
  }

  private static Random caseRandom(int index) {
    return new Random(SEED * 1_000_003L + index);
  }

  /** Sends one case; the problem with its answer, or null when the answer is acceptable. */
  private static String send(FuzzCase fuzz, Tally tally) {
    HttpResult result;
    try {
      Map<String, String> headers = new LinkedHashMap<>(fuzz.headers());
      headers.put("x-request-id", "fuzz-" + fuzz.index());
      result = fuzz.chunked() ? gateway.postChunked(fuzz.path(), GatewayHarness.MASTER_KEY, fuzz.body(), headers)
          : gateway.post(fuzz.path(), GatewayHarness.MASTER_KEY, fuzz.body(), headers);
    } catch (RuntimeException e) {
      tally.count(fuzz, 0);
      return "no answer: " + e.getMessage();
    }
    tally.count(fuzz, result.status());
    String problem = judge(fuzz.endpoint().protocol(), result);
    return problem == null ? null
        : "answer: HTTP " + result.status() + " " + FuzzCase.preview(result.body(), 400) + "\n    problem: " + problem;
  }

  private static String judge(WireProtocol protocol, HttpResult result) {
    int status = result.status();
    if (status >= 500) {
      return "the gateway answered " + status + " though every provider answers well";
    }
    if (status < 200 || (status >= 300 && status < 400)) {
      return "unexpected status " + status;
    }
    String contentType = String.valueOf(result.header("content-type"));
    if (status >= 400) {
      if (!contentType.startsWith("application/json")) {
        return "an error with content-type " + contentType;
      }
      JsonNode error = json(result.body());
      if (error == null) {
        return "an error body that is not JSON";
      }
      String shape = switch (protocol) {
        case OPENAI -> openAiShape(error);
        case ANTHROPIC -> anthropicShape(error);
        default -> geminiShape(error, status);
      };
      return shape != null ? shape + " (expected " + protocol + "'s error shape)"
          : result.header("x-request-id") == null ? "an error without x-request-id" : null;
    }
    if (contentType.startsWith("text/event-stream")) {
      String text = result.text();
      boolean failed = text.contains("event: error") || text.contains("data: {\"error\"")
          || text.contains("\"type\":\"error\"");
      return failed ? "a 200 stream that ends in an error event" : null;
    }
    if (contentType.startsWith("application/json")) {
      JsonNode answer = json(result.body());
      if (answer == null) {
        return "a 200 answer that is not JSON";
      }
      boolean failed = answer.has("error") || (answer.isArray() && answer.findValue("error") != null);
      return failed ? "a 200 answer holding an error" : null;
    }
    return "a 200 answer with content-type " + contentType;
  }

  private static String openAiShape(JsonNode root) {
    JsonNode error = root.path("error");
    if (!root.isObject() || root.size() != 1 || !error.isObject()) {
      return "not {\"error\":{...}}";
    }
    if (!error.path("message").isTextual() || error.path("message").asText().isBlank()
        || !error.path("type").isTextual()) {
      return "error.message or error.type missing";
    }
    if (!(error.path("param").isTextual() || error.path("param").isNull())
        || !(error.path("code").isTextual() || error.path("code").isNull())) {
      return "error.param or error.code not a string or null";
    }
    return null;
  }

  private static String anthropicShape(JsonNode root) {
    JsonNode error = root.path("error");
    if (!root.path("type").asText().equals("error") || !error.isObject()) {
      return "not {\"type\":\"error\",\"error\":{...}}";
    }
    if (!error.path("type").isTextual() || !error.path("message").isTextual()
        || error.path("message").asText().isBlank()) {
      return "error.type or error.message missing";
    }
    return null;
  }

  private static String geminiShape(JsonNode root, int status) {
    JsonNode error = root.path("error");
    if (!root.isObject() || root.size() != 1 || !error.isObject()) {
      return "not {\"error\":{...}}";
    }
    if (!error.path("code").isInt() || error.path("code").asInt() != status) {
      return "error.code is not the HTTP status " + status;
    }
    if (!error.path("message").isTextual() || error.path("message").asText().isBlank()
        || !error.path("status").isTextual()) {
      return "error.message or error.status missing";
    }
    return null;
  }

  private static JsonNode json(byte[] body) {
    try {
      return Fixtures.JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** The log lines, each followed by the case its request id names. */
  private static String withCases(List<String> lines, FuzzSeeds seeds) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
      Matcher id = CASE_ID.matcher(line);
      if (id.find()) {
        int index = Integer.parseInt(id.group(1));
        text.append("  from ").append(HostileBodies.make(index, caseRandom(index), seeds)).append('\n');
      }
    }
    return text.toString();
  }

  private static String firstOf(ConcurrentLinkedQueue<String> failures, int count) {
    List<String> shown = new ArrayList<>();
    for (String failure : failures) {
      if (shown.size() == count) {
        shown.add("... and " + (failures.size() - count) + " more");
        break;
      }
      shown.add(failure);
    }
    return String.join("\n", shown);
  }

  /** After the storm: both health checks pass and each endpoint serves its first seed on every model it can. */
  private static void assertHealthyAndServing() {
    assertThat(gateway.get("/health/live", null).status()).isEqualTo(200);
    assertThat(gateway.get("/health/ready", null).status()).isEqualTo(200);
    for (FuzzEndpoint endpoint : FuzzEndpoint.values()) {
      for (FuzzModel model : FuzzModel.values()) {
        if (!endpoint.servableBy(model.provider())) {
          continue;
        }
        byte[] body = ordinary(endpoint, model);
        HttpResult answer = gateway.post(endpoint.path(model.routeName()), GatewayHarness.MASTER_KEY, body, Map.of());
        assertThat(answer.status()).as("%s on %s after the run: %s", endpoint, model, answer).isEqualTo(200);
        assertThat(judge(endpoint.protocol(), answer)).as("%s on %s after the run", endpoint, model).isNull();
      }
    }
  }

  private static byte[] ordinary(FuzzEndpoint endpoint, FuzzModel model) {
    ObjectNode body = FuzzSeeds.ordinary(endpoint);
    if (endpoint.modelInBody()) {
      body.put("model", model.routeName());
    }
    for (JsonNode request : body.path("requests")) {
      ((ObjectNode) request).put("model", "models/" + model.routeName());
    }
    if (body.has("model") && !endpoint.modelInBody()) {
      body.put("model", "models/" + model.routeName());
    }
    return Fixtures.compact(body);
  }

  /** Answers by endpoint and model: how many cases, how many served (2xx), how many refused (4xx). */
  private static final class Tally {
    private static final int MODELS = FuzzModel.values().length;
    private final Map<FuzzEndpoint, AtomicIntegerArray> counts = new EnumMap<>(FuzzEndpoint.class);
    private final AtomicInteger total = new AtomicInteger();

    Tally() {
      for (FuzzEndpoint endpoint : FuzzEndpoint.values()) {
        counts.put(endpoint, new AtomicIntegerArray(MODELS * 3));
      }
    }

    void count(FuzzCase fuzz, int status) {
      AtomicIntegerArray row = counts.get(fuzz.endpoint());
      int column = fuzz.model().ordinal() * 3;
      row.incrementAndGet(column);
      if (status >= 200 && status < 300) {
        row.incrementAndGet(column + 1);
      } else if (status >= 400 && status < 500) {
        row.incrementAndGet(column + 2);
      }
      total.incrementAndGet();
    }

    int total() {
      return total.get();
    }

    /** Pairs that can be served but never were: the fuzzing would not reach their translation. */
    List<String> missingSuccesses() {
      List<String> missing = new ArrayList<>();
      counts.forEach((endpoint, row) -> {
        for (FuzzModel model : FuzzModel.values()) {
          if (endpoint.servableBy(model.provider()) && row.get(model.ordinal() * 3 + 1) == 0) {
            missing.add(endpoint + " on " + model);
          }
        }
      });
      return missing;
    }

    String report() {
      StringBuilder text = new StringBuilder(String.format("  %-24s", "endpoint"));
      for (FuzzModel model : FuzzModel.values()) {
        text.append(String.format(" | %-22s", model.routeName() + " cases/2xx/4xx"));
      }
      Map<WireProtocol, Integer> byProtocol = new EnumMap<>(WireProtocol.class);
      counts.forEach((endpoint, row) -> {
        text.append(String.format("%n  %-24s", endpoint));
        for (FuzzModel model : FuzzModel.values()) {
          int column = model.ordinal() * 3;
          text.append(String.format(" | %-22s", row.get(column) + "/" + row.get(column + 1) + "/"
              + row.get(column + 2)));
          byProtocol.merge(endpoint.protocol(), row.get(column), Integer::sum);
        }
      });
      text.append("\n  cases by client protocol: ").append(byProtocol);
      return text.toString();
    }
  }
}
