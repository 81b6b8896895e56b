package dev.switchyard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.config.ModelConfig.TargetConfig;
import dev.switchyard.config.ModelConfig;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.provider.Provider;
import dev.switchyard.simulator.SimulatorTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRouterTest {
  private static Provider provider(String name, String kind, String... keys) {
    return Provider.from(new ProviderConfig(name, kind, Optional.empty(),
        kind.equals(ProviderKinds.OPENAI_COMPATIBLE) ? Optional.of("http://127.0.0.1:9/v1") : Optional.empty(),
        List.of(keys), Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT,
        SimulatorConfig.DEFAULT), SimulatorTransport::of);
  }

  private static ModelConfig model(String name, String... providerAndModel) {
    List<TargetConfig> targets = new java.util.ArrayList<>();
    for (int i = 0; i < providerAndModel.length; i += 2) {
      targets.add(new TargetConfig(providerAndModel[i], providerAndModel[i + 1]));
    }
    return new ModelConfig(name, targets);
  }

  private static Map<String, Provider> providers() {
    Map<String, Provider> providers = new LinkedHashMap<>();
    providers.put("openai", provider("openai", ProviderKinds.OPENAI, "sk-1"));
    providers.put("backup", provider("backup", ProviderKinds.OPENAI_COMPATIBLE, "sk-2"));
    providers.put("sim", provider("sim", ProviderKinds.SIMULATOR));
    providers.put("nokey", provider("nokey", ProviderKinds.OPENAI));
    return providers;
  }

  private final ModelRouter router = new ModelRouter(List.of(
      model("gpt-*", "backup", "pattern-*"),
      model("gpt-4o", "openai", "gpt-4o-2024-08-06"),
      model("gpt-4o-*", "openai", "long-*"),
      model("*-mini", "sim", "mini-*"),
      model("openai/*", "openai", "*"),
      model("failover", "backup", "b-model", "openai", "o-model", "sim", "s-model"),
      model("half-disabled", "nokey", "x", "sim", "y"),
      model("all-disabled", "nokey", "x"),
      model("nokey/*", "nokey", "*")), providers());

  private static List<String> targets(RoutePlan plan) {
    return plan.targets().stream().map(t -> t.provider().name() + ":" + t.upstreamModel()).toList();
  }

  @ParameterizedTest(name = "{0} -> {1} via {2}")
  @CsvSource({
      "gpt-4o,              gpt-4o,   openai:gpt-4o-2024-08-06",
      "gpt-4o-mini,         gpt-4o-*, openai:long-mini",
      "gpt-4,               gpt-*,    backup:pattern-4",
      "gpt-5.4,             gpt-*,    backup:pattern-5.4",
      "o4-mini,             *-mini,   sim:mini-o4",
      "openai/gpt-5.4,      openai/*, openai:gpt-5.4",
      "openai/ft:gpt-4o:org:x, openai/*, openai:ft:gpt-4o:org:x",
      "openai/a/b,          openai/*, openai:a/b",
  })
  void modelNamesRouteToTheirTargets(String requested, String configured, String target) {
    RoutePlan plan = router.route(requested).orElseThrow().plan();

    assertThat(plan.requestedModel()).isEqualTo(requested);
    assertThat(plan.modelName()).isEqualTo(configured);
    assertThat(targets(plan)).containsExactly(target);
  }

  @Test
  void exactNameBeatsAMatchingPattern() {
    assertThat(router.route("gpt-4o").orElseThrow().plan().modelName()).isEqualTo("gpt-4o");
  }

  @Test
  void longestPatternWinsWhateverTheConfigOrder() {
    ModelRouter reversed = new ModelRouter(List.of(
        model("gpt-4o-*", "openai", "long-*"),
        model("gpt-*", "backup", "short-*")), providers());
    ModelRouter forward = new ModelRouter(List.of(
        model("gpt-*", "backup", "short-*"),
        model("gpt-4o-*", "openai", "long-*")), providers());

    assertThat(targets(reversed.route("gpt-4o-mini").orElseThrow().plan())).containsExactly("openai:long-mini");
    assertThat(targets(forward.route("gpt-4o-mini").orElseThrow().plan())).containsExactly("openai:long-mini");
  }

  @Test
  void starMustMatchAtLeastOneCharacter() {
    assertThat(router.route("openai/")).isEmpty();
    assertThat(router.route("-mini").map(l -> l.plan().modelName())).isEmpty();
  }

  @Test
  void failoverTargetsKeepTheirConfiguredOrder() {
    ModelRouter.Lookup lookup = router.route("failover").orElseThrow();

    assertThat(targets(lookup.plan())).containsExactly("backup:b-model", "openai:o-model", "sim:s-model");
    assertThat(lookup.disabledTargets()).isEmpty();
  }

  @Test
  void disabledProvidersAreLeftOutWithAReason() {
    ModelRouter.Lookup lookup = router.route("half-disabled").orElseThrow();

    assertThat(targets(lookup.plan())).containsExactly("sim:y");
    assertThat(lookup.disabledTargets()).singleElement().asString()
        .startsWith("nokey: ")
        .contains("API key is empty");
  }

  @Test
  void modelWhoseEveryProviderIsDisabledGivesAnEmptyPlan() {
    ModelRouter.Lookup lookup = router.route("all-disabled").orElseThrow();

    assertThat(lookup.plan().targets()).isEmpty();
    assertThat(lookup.disabledTargets()).hasSize(1);
    assertThat(router.route("nokey/anything").orElseThrow().plan().targets()).isEmpty();
  }

  @Test
  void keylessPresetAndSimulatorAreNotDisabled() {
    Provider ollama = Provider.from(new ProviderConfig("local", ProviderKinds.OPENAI_COMPATIBLE,
        Optional.of("ollama"), Optional.empty(), List.of(), Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT,
        ProviderConfig.DEFAULT_TIMEOUT, SimulatorConfig.DEFAULT), SimulatorTransport::of);
    ModelRouter local = new ModelRouter(List.of(model("llama", "local", "llama3"), model("echo", "sim", "echo")),
        Map.of("local", ollama, "sim", provider("sim", ProviderKinds.SIMULATOR)));

    assertThat(local.route("llama").orElseThrow().disabledTargets()).isEmpty();
    assertThat(local.route("echo").orElseThrow().plan().targets()).hasSize(1);
  }

  @Test
  void unknownModelRoutesNowhere() {
    assertThat(router.route("claude-3")).isEmpty();
    assertThat(router.route("")).isEmpty();
    assertThat(router.route("GPT-4O")).isEmpty();
  }

  @Test
  void listedModelsAreTheExactNamesSorted() {
    assertThat(router.listedModels()).containsExactly("all-disabled", "failover", "gpt-4o", "half-disabled");
  }

  @Test
  void firstProviderOwnsAListedModel() {
    assertThat(router.firstProvider("failover")).isEqualTo("backup");
    assertThat(router.firstProvider("openai/*")).isEqualTo("switchyard");
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(nullValues = "NONE", value = {
      "gpt-*,    gpt-4,      4",
      "*-mini,   o4-mini,    o4",
      "a*z,      abcz,       bc",
      "a*z,      az,         NONE",
      "a*a,      a,          NONE",
      "a*a,      aba,        b",
      "*,        x,          x",
      "*,        '',         NONE",
      "x/*,      y/z,        NONE",
  })
  void patternCapturesWhatItsStarMatched(String pattern, String model, String captured) {
    assertThat(ModelRouter.match(pattern, model)).isEqualTo(Optional.ofNullable(captured));
  }
}
