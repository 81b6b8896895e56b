package dev.switchyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import dev.switchyard.Switchyard;
import dev.switchyard.config.ConfigLoader;
import dev.switchyard.config.GatewayConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
  private final GatewayHttp http = new GatewayHttp(this::baseUrl);
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
    return clients.computeIfAbsent(key, k -> openAiClient(baseUrl(), k, body -> lastSdkRequestBody = body));
  }

  /**
   * An OpenAI SDK client for the gateway at {@code gatewayUrl} ({@code http://host:port}) whose
   * responses go past the {@link LeakGuard}; {@code requestBodies} sees each body it sends.
   */
  public static OpenAIClient openAiClient(String gatewayUrl, String key, Consumer<byte[]> requestBodies) {
    ObservedSdkHttpClient wire = new ObservedSdkHttpClient(OkHttpClient.builder().timeout(TIMEOUT).build(),
        requestBodies);
    return new OpenAIClientImpl(ClientOptions.builder()
        .httpClient(wire)
        .baseUrl(gatewayUrl + "/v1")
        .apiKey(key)
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build());
  }

  /**
   * A Google GenAI SDK client for the gateway's Gemini endpoints presenting {@code key}, the way a
   * user points it at Switchyard: base URL {@code …/gemini}; no retries, so every call is one request.
   */
  public com.google.genai.Client gemini(String key) {
    return com.google.genai.Client.builder()
        .apiKey(key)
        .vertexAI(false)
        .httpOptions(com.google.genai.types.HttpOptions.builder()
            .baseUrl(baseUrl() + "/gemini")
            .timeout((int) TIMEOUT.toMillis())
            .retryOptions(com.google.genai.types.HttpRetryOptions.builder().attempts(1).build())
            .build())
        .build();
  }

  public com.google.genai.Client gemini() {
    return gemini(MASTER_KEY);
  }

  /** The exact bytes of the last request body an SDK client of this harness sent. */
  public byte[] lastSdkRequestBody() {
    return lastSdkRequestBody.clone();
  }

  // ---- plain HTTP ----

  public HttpResult get(String path, String key) {
    return http.get(path, key);
  }

  public HttpResult delete(String path, String key) {
    return http.delete(path, key);
  }

  public HttpResult post(String path, String key, String body) {
    return http.post(path, key, body);
  }

  public HttpResult post(String path, String key, byte[] body, Map<String, String> headers) {
    return http.post(path, key, body, headers);
  }

  public HttpResult postChunked(String path, String key, byte[] body) {
    return http.postChunked(path, key, body);
  }

  public HttpResult postChunked(String path, String key, byte[] body, Map<String, String> headers) {
    return http.postChunked(path, key, body, headers);
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
