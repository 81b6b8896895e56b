package dev.switchyard.config;

import dev.switchyard.config.OpenAiCompatiblePreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration used when no file is given: SQLite in {@code ./switchyard.db}, the simulator
 * with a few demo models, and every real provider whose usual environment variable holds a key,
 * reachable as {@code <provider>/<model>}.
 */
public final class DefaultConfig {
  /** The simulator's demo models, served as-is. */
  public static final List<String> SIMULATOR_MODELS = List.of("sim-echo", "sim-fast", "sim-slow");

  private DefaultConfig() {}

  /**
   * The provider's own model names, as its SDK's users write them ({@code gemini-3.1-pro},
   * {@code claude-sonnet-4-5}), also reach it without the {@code provider/} prefix.
   */
  private static void nativeNames(List<ModelConfig> models, String provider, String... patterns) {
    for (String pattern : patterns) {
      models.add(new ModelConfig(pattern, List.of(new ModelConfig.TargetConfig(provider, pattern))));
    }
  }

  public static GatewayConfig build(Function<String, String> environment) {
    List<ProviderConfig> providers = new ArrayList<>();
    List<ModelConfig> models = new ArrayList<>();
    providers.add(new ProviderConfig("simulator", ProviderKinds.SIMULATOR, Optional.empty(), Optional.empty(),
        List.of(), java.util.Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT,
        SimulatorConfig.DEFAULT));
    for (String model : SIMULATOR_MODELS) {
      models.add(new ModelConfig(model, List.of(new ModelConfig.TargetConfig("simulator", model))));
    }
    models.add(new ModelConfig("simulator/*", List.of(new ModelConfig.TargetConfig("simulator", "*"))));

    String openAiKey = environment.apply("OPENAI_API_KEY");
    if (present(openAiKey)) {
      providers.add(provider("openai", ProviderKinds.OPENAI, Optional.empty(),
          Optional.ofNullable(environment.apply("OPENAI_BASE_URL")).filter(DefaultConfig::present), openAiKey));
      models.add(new ModelConfig("openai/*", List.of(new ModelConfig.TargetConfig("openai", "*"))));
      nativeNames(models, "openai", "gpt-*", "text-embedding-*");
    }
    String anthropicKey = environment.apply("ANTHROPIC_API_KEY");
    if (present(anthropicKey)) {
      providers.add(provider("anthropic", ProviderKinds.ANTHROPIC, Optional.empty(),
          Optional.ofNullable(environment.apply("ANTHROPIC_BASE_URL")).filter(DefaultConfig::present), anthropicKey));
      models.add(new ModelConfig("anthropic/*", List.of(new ModelConfig.TargetConfig("anthropic", "*"))));
      nativeNames(models, "anthropic", "claude-*");
    }
    String geminiKey = Optional.ofNullable(environment.apply("GEMINI_API_KEY")).filter(DefaultConfig::present)
        .orElse(environment.apply("GOOGLE_API_KEY")); // the names Google's SDKs read
    if (present(geminiKey)) {
      providers.add(provider("gemini", ProviderKinds.GEMINI, Optional.empty(),
          Optional.ofNullable(environment.apply("GEMINI_BASE_URL")).filter(DefaultConfig::present), geminiKey));
      models.add(new ModelConfig("gemini/*", List.of(new ModelConfig.TargetConfig("gemini", "*"))));
      nativeNames(models, "gemini", "gemini-*");
    }
    for (OpenAiCompatiblePreset preset : OpenAiCompatiblePreset.values()) {
      String key = environment.apply(preset.keyVariable());
      if (present(key)) {
        providers.add(provider(preset.id(), ProviderKinds.OPENAI_COMPATIBLE, Optional.of(preset.id()),
            Optional.empty(), key));
        models.add(new ModelConfig(preset.id() + "/*", List.of(new ModelConfig.TargetConfig(preset.id(), "*"))));
      }
    }
    String masterKey = environment.apply("SWITCHYARD_MASTER_KEY");
    ServerConfig server = ServerConfig.defaults(Optional.ofNullable(masterKey).filter(DefaultConfig::present));
    return new GatewayConfig(server, new StorageConfig(StorageConfig.DEFAULT_URL), providers, models,
        MediaConfig.DEFAULT,
        Optional.empty());
  }

  private static ProviderConfig provider(String name, String kind, Optional<String> preset, Optional<String> baseUrl,
      String key) {
    return new ProviderConfig(name, kind, preset, baseUrl, List.of(key), java.util.Map.of(),
        ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT, SimulatorConfig.DEFAULT);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
