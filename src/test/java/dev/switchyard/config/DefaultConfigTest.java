package dev.switchyard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {
  private static List<String> modelNames(GatewayConfig config) {
    return config.models().stream().map(ModelConfig::name).toList();
  }

  private static List<String> providerNames(GatewayConfig config) {
    return config.providers().stream().map(ProviderConfig::name).toList();
  }

  @Test
  void withoutEnvironmentOnlyTheSimulatorAndItsDemoModelsAreConfigured() {
    GatewayConfig config = DefaultConfig.build(Map.<String, String>of()::get);

    assertThat(providerNames(config)).containsExactly("simulator");
    assertThat(config.providers().get(0).kind()).isEqualTo(ProviderKinds.SIMULATOR);
    assertThat(modelNames(config)).containsExactly("sim-echo", "sim-fast", "sim-slow", "simulator/*");
    assertThat(config.models()).allSatisfy(m ->
        assertThat(m.targets()).extracting(ModelConfig.TargetConfig::provider).containsExactly("simulator"));
    assertThat(config.server().masterKey()).isEmpty();
    assertThat(config.storage().url()).isEqualTo(StorageConfig.DEFAULT_URL);
    assertThat(config.source()).isEmpty();
    assertThat(config.server().host()).as("only this machine, unless a config file says otherwise")
        .isEqualTo("127.0.0.1");
  }

  @Test
  void openAiKeyAddsTheOpenAiProviderAndItsWildcard() {
    GatewayConfig config = DefaultConfig.build(Map.of("OPENAI_API_KEY", "sk-openai")::get);

    assertThat(providerNames(config)).containsExactly("simulator", "openai");
    ProviderConfig openai = config.provider("openai").orElseThrow();
    assertThat(openai.kind()).isEqualTo(ProviderKinds.OPENAI);
    assertThat(openai.apiKeys()).containsExactly("sk-openai");
    assertThat(openai.baseUrl()).isEmpty();
    assertThat(config.models()).contains(
        new ModelConfig("openai/*", List.of(new ModelConfig.TargetConfig("openai", "*"))));
  }

  @Test
  void anthropicKeyAddsTheAnthropicProviderAndItsWildcard() {
    GatewayConfig config = DefaultConfig.build(Map.of("ANTHROPIC_API_KEY", "sk-ant")::get);

    assertThat(providerNames(config)).containsExactly("simulator", "anthropic");
    ProviderConfig anthropic = config.provider("anthropic").orElseThrow();
    assertThat(anthropic.kind()).isEqualTo(ProviderKinds.ANTHROPIC);
    assertThat(anthropic.apiKeys()).containsExactly("sk-ant");
    assertThat(config.models()).contains(
        new ModelConfig("anthropic/*", List.of(new ModelConfig.TargetConfig("anthropic", "*"))));
  }

  @Test
  void geminiKeyAddsTheGeminiProviderUnderItsOwnModelNamesToo() {
    GatewayConfig config = DefaultConfig.build(Map.of("GEMINI_API_KEY", "g-key")::get);

    assertThat(providerNames(config)).containsExactly("simulator", "gemini");
    ProviderConfig gemini = config.provider("gemini").orElseThrow();
    assertThat(gemini.kind()).isEqualTo(ProviderKinds.GEMINI);
    assertThat(gemini.apiKeys()).containsExactly("g-key");
    var router = dev.switchyard.gateway.GatewayState.from(config).router();
    for (String model : List.of("gemini-3.1-pro", "gemini/gemini-3.1-pro")) {
      var target = router.route(model).orElseThrow().plan().targets().get(0);
      assertThat(target.provider().name()).as(model).isEqualTo("gemini");
      assertThat(target.upstreamModel()).as(model).isEqualTo("gemini-3.1-pro");
    }
    assertThat(DefaultConfig.build(Map.of("GOOGLE_API_KEY", "g-key")::get).provider("gemini")).isPresent();
  }

  @Test
  void openAiBaseUrlComesFromTheEnvironmentToo() {
    GatewayConfig config = DefaultConfig.build(
        Map.of("OPENAI_API_KEY", "sk-openai", "OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")::get);

    assertThat(config.provider("openai").orElseThrow().baseUrl()).contains("http://127.0.0.1:9999/v1");
  }

  @Test
  void deepSeekKeyAddsTheDeepSeekPresetAndItsWildcard() {
    GatewayConfig config = DefaultConfig.build(Map.of("DEEPSEEK_API_KEY", "sk-deep")::get);

    ProviderConfig deepseek = config.provider("deepseek").orElseThrow();
    assertThat(deepseek.kind()).isEqualTo(ProviderKinds.OPENAI_COMPATIBLE);
    assertThat(deepseek.preset()).contains("deepseek");
    assertThat(deepseek.apiKeys()).containsExactly("sk-deep");
    assertThat(modelNames(config)).contains("deepseek/*").doesNotContain("openai/*");
  }

  @Test
  void bothKeysAddBothProviders() {
    GatewayConfig config = DefaultConfig.build(
        Map.of("OPENAI_API_KEY", "sk-openai", "DEEPSEEK_API_KEY", "sk-deep")::get);

    assertThat(providerNames(config)).containsExactly("simulator", "openai", "deepseek");
    assertThat(modelNames(config)).contains("openai/*", "deepseek/*");
  }

  @Test
  void blankKeysCountAsUnset() {
    GatewayConfig config = DefaultConfig.build(
        Map.of("OPENAI_API_KEY", " ", "DEEPSEEK_API_KEY", "", "SWITCHYARD_MASTER_KEY", "")::get);

    assertThat(providerNames(config)).containsExactly("simulator");
    assertThat(config.server().masterKey()).isEmpty();
  }

  @Test
  void masterKeyComesFromTheEnvironment() {
    GatewayConfig config = DefaultConfig.build(Map.of("SWITCHYARD_MASTER_KEY", "sk-master")::get);

    assertThat(config.server().masterKey()).isEqualTo(Optional.of("sk-master"));
  }

  @Test
  void everyDefaultModelTargetsAConfiguredProvider() {
    GatewayConfig config = DefaultConfig.build(
        Map.of("OPENAI_API_KEY", "a", "DEEPSEEK_API_KEY", "b", "GROQ_API_KEY", "c")::get);

    assertThat(config.models()).allSatisfy(m -> assertThat(m.targets()).allSatisfy(t ->
        assertThat(config.provider(t.provider())).isPresent()));
  }
}
