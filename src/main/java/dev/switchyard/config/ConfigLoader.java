package dev.switchyard.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads a YAML config file strictly: unknown keys, wrong types and dangling references are errors. */
public final class ConfigLoader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private final Function<String, String> environment;

  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  public static ConfigLoader fromSystemEnvironment() {
    return new ConfigLoader(System::getenv);
  }

  public GatewayConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
    return parse(text, file.toString(), Optional.of(file));
  }

  public GatewayConfig parse(String text, String fileName, Optional<Path> source) {
    Node root;
    try {
      // The core schema, so `~`, `Null` and `NULL` mean "no value" as YAML users expect (the JSON
      // schema would read `master_key: ~` as the one-character key "~").
      LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new CoreSchema()).build();
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      root = composer.getSingleNode().orElse(null);
    } catch (YamlEngineException e) {
      throw new ConfigException(fileName + ": not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigException(fileName + ": the file is empty");
    }
    YamlObject top = new YamlObject(new YamlObject.Context(fileName, environment), root, "");
    ServerConfig server = server(top.object("server"));
    StorageConfig storage = new StorageConfig(top.object("storage")
        .map(s -> {
          String url = s.string("url").filter(u -> !u.isBlank()).orElse(StorageConfig.DEFAULT_URL);
          s.rejectUnknownKeys();
          return url;
        })
        .orElse(StorageConfig.DEFAULT_URL));
    List<ProviderConfig> providers = providers(top);
    RoutingConfig routing = top.object("routing").map(ConfigLoader::routing).orElse(RoutingConfig.DEFAULT);
    List<ModelConfig> models = models(top, providers, routing.retry());
    routing = routing.withExperiments(experiments(top, models));
    routing = routing.withRules(rules(top, models, routing.experiments()));
    MediaConfig media = top.object("media").map(ConfigLoader::media).orElse(MediaConfig.DEFAULT);
    top.rejectUnknownKeys();
    return new GatewayConfig(server, storage, providers, models, media, routing, source);
  }

  private static List<ExperimentConfig> experiments(YamlObject top, List<ModelConfig> models) {
    Set<String> modelNames = new HashSet<>();
    models.forEach(m -> modelNames.add(m.name()));
    Set<String> names = new HashSet<>();
    List<ExperimentConfig> result = new ArrayList<>();
    for (YamlObject e : top.objects("experiments")) {
      String name = e.requiredString("name");
      if (modelNames.contains(name) || !names.add(name)) {
        throw e.error("name", "'" + name + "' is already a model or another experiment");
      }
      List<ExperimentConfig.Variant> variants = new ArrayList<>();
      double total = 0;
      for (YamlObject v : e.objects("variants")) {
        String model = v.requiredString("model");
        double percent = v.number("percent").orElseThrow(() -> v.missing("percent", "is required"));
        if (percent < 0 || percent > 100) {
          throw v.error("percent", "must be between 0 and 100");
        }
        total += percent;
        variants.add(new ExperimentConfig.Variant(v.string("name").filter(n -> !n.isBlank()).orElse(model), model,
            percent));
        v.rejectUnknownKeys();
      }
      if (variants.isEmpty()) {
        throw e.missing("variants", "is required: the models to split the traffic between");
      }
      if (Math.abs(total - 100) > 0.001) {
        throw e.error("variants", "the percentages add up to " + total + ", not 100");
      }
      result.add(new ExperimentConfig(name, variants));
      e.rejectUnknownKeys();
    }
    return result;
  }

  private static List<RouteRuleConfig> rules(YamlObject top, List<ModelConfig> models,
      List<ExperimentConfig> experiments) {
    Set<String> targets = new HashSet<>();
    models.forEach(m -> targets.add(m.name()));
    experiments.forEach(e -> targets.add(e.name()));
    List<RouteRuleConfig> result = new ArrayList<>();
    for (YamlObject r : top.objects("routes")) {
      String use = r.requiredString("use");
      if (!targets.contains(use)) {
        throw r.error("use", "no model or experiment is named '" + use + "'");
      }
      YamlObject match = r.object("match").orElseThrow(() -> r.missing("match", "is required: what a request must "
          + "have (model, header, key, metadata) to go to '" + use + "'"));
      Optional<String> model = match.string("model").filter(m -> !m.isBlank());
      if (model.isPresent() && model.get().indexOf('*') != model.get().lastIndexOf('*')) {
        throw match.error("model", "may hold at most one '*'");
      }
      RouteRuleConfig rule = new RouteRuleConfig(model, match.stringMap("header"),
          match.string("key").filter(k -> !k.isBlank()), match.stringMap("metadata"), use);
      if (rule.model().isEmpty() && rule.headers().isEmpty() && rule.key().isEmpty() && rule.metadata().isEmpty()) {
        throw r.error("match", "matches every request: give a model, header, key or metadata");
      }
      match.rejectUnknownKeys();
      r.rejectUnknownKeys();
      result.add(rule);
    }
    return result;
  }

  private static RoutingConfig routing(YamlObject r) {
    RetryConfig retry = r.object("retry").map(o -> retry(o, RetryConfig.DEFAULT)).orElse(RetryConfig.DEFAULT);
    BreakerConfig breaker = r.object("circuit_breaker").map(ConfigLoader::breaker).orElse(BreakerConfig.DEFAULT);
    r.rejectUnknownKeys();
    return new RoutingConfig(retry, breaker, List.of(), List.of());
  }

  /** A {@code retry:} block; what it leaves out is taken from {@code base}. */
  private static RetryConfig retry(YamlObject o, RetryConfig base) {
    RetryConfig retry = new RetryConfig(
        count(o, "attempts", base.attempts(), 1),
        o.string("backoff").map(v -> duration(o, "backoff", v)).orElse(base.backoff()),
        o.string("max_backoff").map(v -> duration(o, "max_backoff", v)).orElse(base.maxBackoff()),
        o.string("max_retry_after").map(v -> duration(o, "max_retry_after", v)).orElse(base.maxRetryAfter()),
        count(o, "max_attempts", base.maxAttempts(), 1),
        positiveDuration(o, "max_time", base.maxTime()));
    o.rejectUnknownKeys();
    return retry;
  }

  private static BreakerConfig breaker(YamlObject o) {
    BreakerConfig d = BreakerConfig.DEFAULT;
    BreakerConfig breaker = new BreakerConfig(
        o.bool("enabled").orElse(d.enabled()),
        count(o, "failure_rate", d.failureRatePercent(), 1),
        count(o, "window", d.window(), 1),
        count(o, "minimum_calls", d.minimumCalls(), 1),
        count(o, "consecutive_failures", d.consecutiveFailures(), 1),
        positiveDuration(o, "open_for", d.openFor()),
        count(o, "half_open_calls", d.halfOpenCalls(), 1));
    if (breaker.failureRatePercent() > 100) {
      throw o.error("failure_rate", "is a percentage: between 1 and 100");
    }
    o.rejectUnknownKeys();
    return breaker;
  }

  private static MediaConfig media(YamlObject m) {
    boolean fetch = m.bool("fetch_urls").orElse(MediaConfig.DEFAULT.fetchUrls());
    long maxBytes = m.string("max_size").map(v -> size(m, "max_size", v)).orElse(MediaConfig.DEFAULT.maxBytes());
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE) {
      throw m.error("max_size", "must be between 1 byte and 2GiB");
    }
    Duration timeout = m.string("timeout").map(v -> duration(m, "timeout", v)).orElse(MediaConfig.DEFAULT.timeout());
    m.rejectUnknownKeys();
    return new MediaConfig(fetch, maxBytes, timeout);
  }

  private ServerConfig server(Optional<YamlObject> block) {
    if (block.isEmpty()) {
      return ServerConfig.defaults(Optional.empty());
    }
    YamlObject s = block.get();
    String host = s.string("host").filter(h -> !h.isBlank()).orElse(ServerConfig.DEFAULT_HOST);
    long port = s.integer("port").orElse((long) ServerConfig.DEFAULT_PORT);
    if (port < 0 || port > 65535) {
      throw s.error("port", "must be between 0 and 65535");
    }
    Optional<String> masterKey = s.string("master_key").filter(k -> !k.isBlank());
    long maxBody = s.string("max_body_size").map(v -> size(s, "max_body_size", v))
        .orElse(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    if (maxBody < 1 || maxBody > ServerConfig.LARGEST_MAX_BODY_BYTES) {
      throw s.error("max_body_size", "must be between 1 byte and 2GiB");
    }
    LimitsConfig limits = s.object("limits").map(ConfigLoader::limits).orElse(LimitsConfig.DEFAULT);
    s.rejectUnknownKeys();
    return new ServerConfig(host, (int) port, masterKey, maxBody, limits);
  }

  private static LimitsConfig limits(YamlObject l) {
    LimitsConfig d = LimitsConfig.DEFAULT;
    LimitsConfig limits = new LimitsConfig(
        positiveDuration(l, "request_head_timeout", d.requestHeadTimeout()),
        positiveDuration(l, "idle_timeout", d.idleTimeout()),
        positiveDuration(l, "body_timeout", d.bodyTimeout()),
        count(l, "max_connections", d.maxConnections(), 1),
        count(l, "max_schema_nodes", d.maxSchemaNodes(), 1),
        count(l, "max_media_urls", d.maxMediaUrls(), 0),
        l.string("max_media_total_size").map(v -> sizeBetween(l, "max_media_total_size", v, 1, Long.MAX_VALUE))
            .orElse(d.maxMediaTotalBytes()),
        (int) l.string("max_stream_event_size")
            .map(v -> sizeBetween(l, "max_stream_event_size", v, 1024, Integer.MAX_VALUE - 8))
            .orElse((long) d.maxStreamEventBytes()).longValue(),
        positiveDuration(l, "max_stream_duration", d.maxStreamDuration()),
        count(l, "max_dropped_fields", d.maxDroppedFields(), 0),
        count(l, "max_pending_key_lookups", d.maxPendingKeyLookups(), 1),
        l.string("unknown_key_cache_ttl").map(v -> duration(l, "unknown_key_cache_ttl", v))
            .orElse(d.unknownKeyCacheTtl()),
        (int) l.string("max_admin_body_size")
            .map(v -> sizeBetween(l, "max_admin_body_size", v, 1024, 16L * 1024 * 1024))
            .orElse((long) d.maxAdminBodyBytes()).longValue());
    l.rejectUnknownKeys();
    return limits;
  }

  private static Duration positiveDuration(YamlObject o, String key, Duration fallback) {
    Duration value = o.string(key).map(v -> duration(o, key, v)).orElse(fallback);
    if (value.isZero() || value.isNegative()) {
      throw o.error(key, "must be longer than zero");
    }
    return value;
  }

  private static int count(YamlObject o, String key, int fallback, int least) {
    long value = o.integer(key).orElse((long) fallback);
    if (value < least || value > Integer.MAX_VALUE) {
      throw o.error(key, "must be a whole number between " + least + " and " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static long sizeBetween(YamlObject o, String key, String text, long least, long most) {
    long value = size(o, key, text);
    if (value < least || value > most) {
      throw o.error(key, "must be between " + least + " and " + most + " bytes");
    }
    return value;
  }

  private List<ProviderConfig> providers(YamlObject top) {
    List<ProviderConfig> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlObject p : top.objects("providers")) {
      String name = p.requiredString("name");
      if (!NAME.matcher(name).matches()) {
        throw p.error("name", "may hold only letters, digits, '.', '_' and '-'");
      }
      if (!names.add(name)) {
        throw p.error("name", "another provider is already named '" + name + "'");
      }
      String kind = p.requiredString("kind").toLowerCase(Locale.ROOT);
      Optional<String> preset = p.string("preset").map(v -> v.toLowerCase(Locale.ROOT));
      if (ProviderKinds.isPreset(kind)) { // `kind: deepseek` is short for openai-compatible + preset
        preset = Optional.of(kind);
        kind = ProviderKinds.OPENAI_COMPATIBLE;
      }
      if (!ProviderKinds.ALL.contains(kind)) {
        throw p.error("kind", "unknown kind '" + kind + "' (expected one of: "
            + String.join(", ", ProviderKinds.ALL) + ", or a preset: "
            + String.join(", ", ProviderKinds.PRESETS) + ")");
      }
      if (preset.isPresent() && !ProviderKinds.isPreset(preset.get())) {
        throw p.error("preset", "unknown preset '" + preset.get() + "' (expected one of: "
            + String.join(", ", ProviderKinds.PRESETS) + ")");
      }
      if (preset.isPresent() && !kind.equals(ProviderKinds.OPENAI_COMPATIBLE)) {
        throw p.error("preset", "presets apply to kind openai-compatible only");
      }
      Optional<String> baseUrl = p.string("base_url").filter(u -> !u.isBlank());
      baseUrl.ifPresent(url -> checkUrl(p, url));
      if (kind.equals(ProviderKinds.OPENAI_COMPATIBLE) && preset.isEmpty() && baseUrl.isEmpty()) {
        throw p.error("base_url", "is required for kind openai-compatible without a preset");
      }
      List<String> keys = new ArrayList<>(p.strings("api_keys"));
      p.string("api_key").ifPresent(keys::add);
      keys.removeIf(String::isBlank);
      Duration connectTimeout = p.string("connect_timeout").map(v -> duration(p, "connect_timeout", v))
          .orElse(ProviderConfig.DEFAULT_CONNECT_TIMEOUT);
      Duration timeout = p.string("timeout").map(v -> duration(p, "timeout", v))
          .orElse(ProviderConfig.DEFAULT_TIMEOUT);
      SimulatorConfig simulator = SimulatorConfig.DEFAULT;
      Optional<YamlObject> sim = p.object("simulator");
      if (sim.isPresent()) {
        if (!kind.equals(ProviderKinds.SIMULATOR)) {
          throw p.error("simulator", "applies to kind simulator only");
        }
        YamlObject s = sim.get();
        simulator = new SimulatorConfig(
            s.string("latency").map(v -> duration(s, "latency", v)).orElse(Duration.ZERO),
            s.number("tokens_per_second").orElse(0.0));
        s.rejectUnknownKeys();
      }
      result.add(new ProviderConfig(name, kind, preset, baseUrl, keys, p.stringMap("headers"),
          connectTimeout, timeout, simulator));
      p.rejectUnknownKeys();
    }
    return result;
  }

  private List<ModelConfig> models(YamlObject top, List<ProviderConfig> providers, RetryConfig defaultRetry) {
    Set<String> providerNames = new HashSet<>();
    providers.forEach(p -> providerNames.add(p.name()));
    List<ModelConfig> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlObject m : top.objects("models")) {
      String name = m.requiredString("name");
      if (!names.add(name)) {
        throw m.error("name", "another model is already named '" + name + "'");
      }
      if (name.indexOf('*') != name.lastIndexOf('*')) {
        throw m.error("name", "may hold at most one '*'");
      }
      List<ModelConfig.TargetConfig> targets = new ArrayList<>();
      for (YamlObject t : m.objects("targets")) {
        String provider = t.requiredString("provider");
        if (!providerNames.contains(provider)) {
          throw t.error("provider", "no provider is named '" + provider + "'");
        }
        String model = t.string("model").filter(s -> !s.isBlank()).orElse(name.contains("*") ? "*" : name);
        if (model.contains("*") && !name.contains("*")) {
          throw t.error("model", "may hold '*' only when the model name is a pattern");
        }
        int weight = count(t, "weight", 1, 0);
        targets.add(new ModelConfig.TargetConfig(provider, model, weight));
        t.rejectUnknownKeys();
      }
      if (targets.isEmpty()) {
        int slash = name.indexOf('/');
        String provider = slash > 0 ? name.substring(0, slash) : "";
        if (!name.endsWith("/*") || !providerNames.contains(provider)) {
          throw m.missing("targets", "is required (only a '<provider>/*' pattern may leave it out)");
        }
        targets.add(new ModelConfig.TargetConfig(provider, "*"));
      }
      ModelConfig.Strategy strategy = m.string("strategy").map(s -> ModelConfig.Strategy.fromConfigName(s)
          .orElseThrow(() -> m.error("strategy", "unknown strategy '" + s + "' (expected one of: ordered, weighted, "
              + "least-latency, least-busy)"))).orElse(ModelConfig.Strategy.ORDERED);
      if (strategy == ModelConfig.Strategy.WEIGHTED && targets.stream().allMatch(t -> t.weight() == 0)) {
        throw m.error("targets", "a weighted model needs a target with a weight above 0");
      }
      Optional<RetryConfig> retry = m.object("retry").map(o -> retry(o, defaultRetry));
      result.add(new ModelConfig(name, targets, strategy, retry));
      m.rejectUnknownKeys();
    }
    return result;
  }

  private static void checkUrl(YamlObject p, String url) {
    try {
      URI uri = URI.create(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw p.error("base_url", "expected an http:// or https:// URL, got '" + url + "'");
      }
    } catch (IllegalArgumentException e) {
      throw p.error("base_url", "not a valid URL: '" + url + "'");
    }
  }

  static long size(YamlObject o, String key, String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw o.error(key, "expected a size such as 32MiB or 1048576, got '" + text + "'");
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long multiplier = switch (unit) {
      case "KB" -> 1000L;
      case "KIB" -> 1024L;
      case "MB" -> 1000L * 1000;
      case "MIB" -> 1024L * 1024;
      case "GB" -> 1000L * 1000 * 1000;
      case "GIB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    try { // a number too large for a long is a config error, not a crash or a wrapped-around size
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw o.error(key, "expected a size such as 32MiB or 1048576, got '" + text + "'");
    }
  }

  static Duration duration(YamlObject o, String key, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw o.error(key, "expected a duration such as 500ms, 30s or 5m, got '" + text + "'");
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    try { // too large for a long or a Duration: a config error, not a crash
      long n = Long.parseLong(m.group(1));
      return switch (unit) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofMillis(n);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw o.error(key, "expected a duration such as 500ms, 30s or 5m, got '" + text + "'");
    }
  }
}
