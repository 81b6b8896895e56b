package dev.switchyard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.config.ConfigLoader;
import dev.switchyard.config.GatewayConfig;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.metering.UsageSink;
import dev.switchyard.policy.auth.ApiKeys;
import dev.switchyard.storage.JdbcStorage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatedStorage;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of made-up keys against a database that stopped answering: the key look-ups waiting for
 * it are bounded (more are answered 503 at once, in the client's protocol), and readiness still
 * answers, since its storage check never queues behind them.
 */
class KeyLookupLimitsTest {
  private static final String MASTER = "sk-sy-test-master-0123456789abcdefghij";
  /** As many as the storage threads, so every look-up allowed is one seen begun, and every thread is stuck. */
  private static final int MAX_PENDING = 4;
  private static final String CONFIG = """
      server:
        master_key: "%s"
        limits: {max_pending_key_lookups: %d}
      storage: {url: "sqlite::memory:"}
      providers:
        - {name: sim, kind: simulator}
      models:
        - {name: sim-echo, targets: [{provider: sim, model: echo}]}
      """.formatted(MASTER, MAX_PENDING);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private GatedStorage storage;
  private StorageExecutor executor;
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(CONFIG, "test.yaml",
        Optional.empty());
    storage = new GatedStorage(JdbcStorage.open("sqlite::memory:"));
    executor = new StorageExecutor(4);
    Gateway gateway = new Gateway(config, MASTER, storage, executor, UsageSink.disabled(), Clock.systemUTC());
    vertx = Vertx.vertx();
    GatewayVerticle verticle = new GatewayVerticle(gateway, "127.0.0.1", 0);
    vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = verticle.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    storage.release();
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    executor.close();
    storage.close();
  }

  @Test
  void lookupsPastTheLimitAreAnswered503AtOnceInTheClientsProtocol() throws Exception {
    storage.hold();
    List<CompletableFuture<HttpResponse<String>>> held = holdLookups();

    HttpResponse<String> openAi = send(post("/v1/chat/completions", "authorization", "Bearer " + ApiKeys.generate(),
        "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    HttpResponse<String> anthropic = send(post("/anthropic/v1/messages", "x-api-key", ApiKeys.generate(),
        "{\"model\":\"sim-echo\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    HttpResponse<String> gemini = send(post("/gemini/v1beta/models/sim-echo:generateContent", "x-goog-api-key",
        ApiKeys.generate(), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"));

    for (HttpResponse<String> busy : List.of(openAi, anthropic, gemini)) {
      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
      assertThat(busy.headers().firstValue("retry-after")).contains("1");
      assertThat(busy.body()).contains("server.limits.max_pending_key_lookups");
    }
    assertThat(json(openAi).at("/error/code").asText()).isEqualTo("key_lookups_busy");
    assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(json(gemini).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
    assertThat(storage.lookups()).isEqualTo(MAX_PENDING);

    storage.release();
    for (CompletableFuture<HttpResponse<String>> waiting : held) {
      assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void readinessAnswersWhileKeyLookupsAreStuck() throws Exception {
    storage.hold();
    holdLookups();

    HttpResponse<String> ready = send(HttpRequest.newBuilder(uri("/health/ready")).GET());

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(json(ready).path("storage").asText()).isEqualTo("ok");
  }

  /** Fills the look-up queue with requests presenting made-up keys, all held by the storage. */
  private List<CompletableFuture<HttpResponse<String>>> holdLookups() {
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < MAX_PENDING; i++) {
      held.add(http.sendAsync(HttpRequest.newBuilder(uri("/v1/models")).timeout(Duration.ofSeconds(20))
          .header("authorization", "Bearer " + ApiKeys.generate()).GET().build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    storage.awaitLookups(MAX_PENDING);
    return held;
  }

  private HttpRequest.Builder post(String path, String header, String key, String body) {
    return HttpRequest.newBuilder(uri(path)).header(header, key).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends with a short time limit: a request queued behind the stuck look-ups would run into it. */
  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Fixtures.JSON.readTree(response.body());
  }
}
