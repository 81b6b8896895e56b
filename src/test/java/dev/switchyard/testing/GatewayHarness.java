package dev.switchyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import dev.switchyard.Switchyard;
import dev.switchyard.config.ConfigLoader;
import dev.switchyard.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Switchyard started in this JVM for a test class: a YAML config of the test's providers and
 * models (the harness adds {@code server:} on 127.0.0.1, port 0, a fixed master key, and
 * {@code storage:}), the captured usage records, SDK clients and plain HTTP helpers. Every response
 * a client reads goes past the {@link LeakGuard}; {@link #close()} fails if one carried an upstream
 * key.
 */
public final class GatewayHarness implements AutoCloseable {
  public static final String MASTER_KEY = "sk-sy-test-master-0123456789abcdefghij";
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String yaml;
  private final Map<String, String> environment;
  private final CapturedUsage usage = new CapturedUsage();
  private final Map<String, OpenAIClient> clients = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();
  private volatile byte[] lastSdkRequestBody = new byte[0];
  private Switchyard running;

  private GatewayHarness(String yaml, Map<String, String> environment) {
    this.yaml = yaml;
    this.environment = Map.copyOf(environment);
  }

  /** Starts a gateway whose config is {@code providersAndModels} plus the harness's own blocks. */
  public static GatewayHarness start(String providersAndModels) {
    return builder(providersAndModels).start();
  }

  public static Builder builder(String providersAndModels) {
    return new Builder(providersAndModels);
  }

  /** Options beyond the providers and models. */
  public static final class Builder {
    private final String providersAndModels;
    private final Map<String, String> serverOptions = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String storageUrl = "sqlite::memory:";

    private Builder(String providersAndModels) {
      this.providersAndModels = providersAndModels;
    }

    /** Adds a key to the {@code server:} block, such as {@code max_body_size: 1KiB}. */
    public Builder server(String key, String value) {
      serverOptions.put(key, value);
      return this;
    }

    public Builder storage(String url) {
      storageUrl = url;
      return this;
    }

    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public GatewayHarness start() {
      StringBuilder text = new StringBuilder()
          .append("server:\n")
          .append("  host: 127.0.0.1\n")
          .append("  port: 0\n")
          .append("  master_key: \"").append(MASTER_KEY).append("\"\n");
      serverOptions.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
      text.append("storage:\n  url: \"").append(storageUrl).append("\"\n");
      text.append(providersAndModels.stripIndent());
      GatewayHarness harness = new GatewayHarness(text.toString(), environment);
      harness.boot();
      return harness;
    }
  }

  private void boot() {
    GatewayConfig config = new ConfigLoader(environment::get).parse(yaml, "test.yaml", Optional.empty());
    running = Switchyard.start(config, Switchyard.Settings.defaults().withUsageSink(usage));
  }

  /** Stops the gateway and starts it again from the same config (a new port, the same storage). */
  public void restart() {
    closeClients();
    running.close();
    boot();
  }

  public int port() {
    return running.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String yaml() {
    return yaml;
  }

  public CapturedUsage usage() {
    return usage;
  }

  /** An OpenAI SDK client for the master key. */
  public OpenAIClient openAi() {
    return openAi(MASTER_KEY);
  }

  /** An OpenAI SDK client presenting {@code key}; no retries, so every call is one request. */
  public synchronized OpenAIClient openAi(String key) {
    return clients.computeIfAbsent(key, k -> {
      ObservedSdkHttpClient wire = new ObservedSdkHttpClient(OkHttpClient.builder().timeout(TIMEOUT).build(),
          body -> lastSdkRequestBody = body);
      return new OpenAIClientImpl(ClientOptions.builder()
          .httpClient(wire)
          .baseUrl(baseUrl() + "/v1")
          .apiKey(k)
          .maxRetries(0)
          .timeout(TIMEOUT)
          .build());
    });
  }

  /** The exact bytes of the last request body an SDK client of this harness sent. */
  public byte[] lastSdkRequestBody() {
    return lastSdkRequestBody.clone();
  }

  // ---- plain HTTP ----

  public HttpResult get(String path, String key) {
    return send(request(path, key, Map.of()).GET());
  }

  public HttpResult delete(String path, String key) {
    return send(request(path, key, Map.of()).DELETE());
  }

  public HttpResult post(String path, String key, String body) {
    return post(path, key, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public HttpResult post(String path, String key, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("content-type", "application/json");
    all.putAll(headers);
    return send(request(path, key, all).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String path, String key, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(TIMEOUT);
    if (key != null) {
      builder.header("authorization", "Bearer " + key);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private HttpResult send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      LeakGuard.inspect("HTTP " + request.method() + " " + request.uri().getPath(), headers, response.body());
      return new HttpResult(response.statusCode(), Map.copyOf(headers), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- admin ----

  /** Makes a virtual key with the master key; the answer holds {@code id} and the secret {@code key}. */
  public JsonNode createKey(String json) {
    HttpResult result = post("/admin/keys", MASTER_KEY, json);
    if (result.status() != 200) {
      throw new AssertionError("POST /admin/keys " + json + " -> " + result);
    }
    return result.json();
  }

  private synchronized void closeClients() {
    clients.values().forEach(OpenAIClient::close);
    clients.clear();
  }

  @Override
  public void close() {
    try {
      closeClients();
      http.close();
      running.close();
    } finally {
      LeakGuard.assertNoLeaks();
    }
  }
}
