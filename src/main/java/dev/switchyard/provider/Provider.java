package dev.switchyard.provider;

import dev.switchyard.config.OpenAiCompatiblePreset;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A configured provider at run time: where it lives, how it is called, its credentials (rotated
 * round-robin) and its quirks. Immutable but for the rotation counter; rebuilt on config reload.
 */
public final class Provider {
  private static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";
  private static final String DEFAULT_ANTHROPIC_URL = "https://api.anthropic.com";
  private static final String ANTHROPIC_VERSION = "2023-06-01";
  private static final String DEFAULT_GEMINI_URL = "https://generativelanguage.googleapis.com";

  private final String name;
  private final String kind;
  private final WireProtocol protocol;
  private final Endpoint endpoint;
  private final List<String> apiKeys;
  private final Map<String, String> extraHeaders;
  private final OpenAiCompatiblePreset.Quirks quirks;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final UpstreamTransport transport;
  private final Optional<String> disabledReason;
  private final AtomicInteger nextKey = new AtomicInteger();

  /** Where the provider's API is: its base URL in parts. */
  public record Endpoint(String host, int port, boolean ssl, String basePath) {
    static Endpoint of(String baseUrl) {
      URI uri = URI.create(baseUrl);
      boolean ssl = "https".equals(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return new Endpoint(uri.getHost(), port, ssl, path);
    }

    public String url() {
      return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
    }
  }

  /** A credential chosen for one attempt; {@code index} names it in logs without revealing it. */
  public record Credential(String secret, int index) {
    @Override
    public String toString() {
      return "key #" + (index + 1);
    }
  }

  private Provider(ProviderConfig config, WireProtocol protocol, String baseUrl,
      OpenAiCompatiblePreset.Quirks quirks, UpstreamTransport transport) {
    this.name = config.name();
    this.kind = config.kind();
    this.protocol = protocol;
    this.endpoint = Endpoint.of(baseUrl);
    this.apiKeys = config.apiKeys();
    this.extraHeaders = config.headers();
    this.quirks = quirks;
    this.connectTimeout = config.connectTimeout();
    this.timeout = config.timeout();
    this.transport = transport;
    this.disabledReason = quirks.requiresKey() && apiKeys.isEmpty()
        ? Optional.of("its API key is empty (set it in the config or its environment variable)")
        : Optional.empty();
  }

  /**
   * Builds the run-time provider for a config entry; the one place a kind picks its adapter.
   *
   * @param inProcess the transport of an in-process provider ({@code kind: simulator}), made from its config
   */
  public static Provider from(ProviderConfig config, Function<ProviderConfig, UpstreamTransport> inProcess) {
    return switch (config.kind()) {
      case ProviderKinds.OPENAI -> new Provider(config, WireProtocol.OPENAI,
          config.baseUrl().orElse(DEFAULT_OPENAI_URL), OpenAiCompatiblePreset.Quirks.STANDARD,
          HttpTransport.INSTANCE);
      case ProviderKinds.OPENAI_COMPATIBLE -> {
        Optional<OpenAiCompatiblePreset> preset = config.preset().flatMap(OpenAiCompatiblePreset::byId);
        String baseUrl = config.baseUrl().or(() -> preset.map(OpenAiCompatiblePreset::baseUrl))
            .orElseThrow(() -> new IllegalArgumentException("provider " + config.name() + " has no base_url"));
        yield new Provider(config, WireProtocol.OPENAI, baseUrl,
            preset.map(OpenAiCompatiblePreset::quirks).orElse(new OpenAiCompatiblePreset.Quirks(false, true, true)),
            HttpTransport.INSTANCE);
      }
      case ProviderKinds.ANTHROPIC -> new Provider(config, WireProtocol.ANTHROPIC,
          config.baseUrl().orElse(DEFAULT_ANTHROPIC_URL), OpenAiCompatiblePreset.Quirks.STANDARD,
          HttpTransport.INSTANCE);
      case ProviderKinds.GEMINI -> new Provider(config, WireProtocol.GEMINI,
          config.baseUrl().orElse(DEFAULT_GEMINI_URL), OpenAiCompatiblePreset.Quirks.STANDARD,
          HttpTransport.INSTANCE);
      case ProviderKinds.SIMULATOR -> new Provider(config, WireProtocol.OPENAI, "http://simulator.invalid",
          new OpenAiCompatiblePreset.Quirks(false, true, true), inProcess.apply(config));
      default -> throw new IllegalArgumentException("unknown provider kind " + config.kind());
    };
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public WireProtocol protocol() {
    return protocol;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration timeout() {
    return timeout;
  }

  public UpstreamTransport transport() {
    return transport;
  }

  /** Why requests cannot go to this provider, if they cannot. */
  public Optional<String> disabledReason() {
    return disabledReason;
  }

  /** Whether the provider downloads images given by http(s) URL itself. */
  public boolean fetchesImageUrls() {
    return quirks.fetchesImageUrls();
  }

  /** Whether {@code stream_options.include_usage} may be added to get a stream's usage. */
  public boolean acceptsStreamUsageOption() {
    return quirks.acceptsStreamOptions();
  }

  public Optional<Credential> nextCredential() {
    if (apiKeys.isEmpty()) {
      return Optional.empty();
    }
    int index = Math.floorMod(nextKey.getAndIncrement(), apiKeys.size());
    return Optional.of(new Credential(apiKeys.get(index), index));
  }

  /**
   * Headers for an upstream call: the content type, the provider's own auth (OpenAI's bearer token,
   * Anthropic's {@code x-api-key} and version, Gemini's {@code x-goog-api-key}) and the config's
   * extra headers.
   */
  public MultiMap upstreamHeaders(Optional<Credential> credential, boolean stream) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    headers.set("accept", stream ? "text/event-stream" : "application/json");
    headers.set("user-agent", "switchyard");
    if (protocol == WireProtocol.ANTHROPIC) {
      headers.set("anthropic-version", ANTHROPIC_VERSION);
    }
    extraHeaders.forEach(headers::set);
    credential.ifPresent(c -> {
      if (protocol == WireProtocol.ANTHROPIC) {
        headers.set("x-api-key", c.secret());
      } else if (protocol == WireProtocol.GEMINI) {
        headers.set("x-goog-api-key", c.secret());
      } else {
        headers.set("authorization", "Bearer " + c.secret());
      }
    });
    return headers;
  }

  /** Replaces any of this provider's secrets in {@code text}, for upstream text shown to clients. */
  public String redact(String text) {
    String result = text;
    for (String key : apiKeys) {
      if (key.length() >= 8) {
        result = result.replace(key, "[redacted]");
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return name + " (" + kind + ", " + (transport instanceof HttpTransport ? endpoint.url() : "in process") + ")";
  }
}
