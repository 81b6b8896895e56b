package dev.switchyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  private static final String FILE = "test.yaml";

  private static GatewayConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  private static GatewayConfig parse(String yaml, Map<String, String> env) {
    return new ConfigLoader(env::get).parse(yaml, FILE, Optional.empty());
  }

  private static ConfigException failure(String yaml) {
    return failure(yaml, Map.of());
  }

  private static ConfigException failure(String yaml, Map<String, String> env) {
    try {
      parse(yaml, env);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected the config to be refused:\n" + yaml);
  }

  private static ProviderConfig onlyProvider(String providerYaml) {
    return parse("providers:\n" + providerYaml).providers().get(0);
  }

  @Test
  void fullExampleParsesIntoRecords() {
    String yaml = """
        server:
          port: 4100
          host: 127.0.0.1
          master_key: ${SWITCHYARD_MASTER_KEY}
          max_body_size: 16MiB
        storage:
          url: "sqlite::memory:"
        providers:
          - name: openai
            kind: openai
            base_url: https://api.openai.com/v1
            api_keys: [k1, k2]
            api_key: k3
            timeout: 30s
            connect_timeout: 5s
            headers: {x-team: blue, x-tag: "${TAG:-none}"}
          - name: backup
            kind: openai-compatible
            preset: deepseek
            api_key: ${DEEPSEEK_API_KEY}
          - name: local
            kind: openai-compatible
            base_url: http://127.0.0.1:8080/v1
          - name: sim
            kind: simulator
            simulator:
              latency: 250ms
              tokens_per_second: 40.5
        models:
          - name: gpt-5.4
            targets:
              - provider: openai
                model: gpt-5.4
              - provider: backup
                model: deepseek-chat
          - name: openai/*
          - name: fast-*
            targets:
              - provider: sim
                model: sim-*
          - name: echo
            targets: [{provider: sim}]
        """;
    Path source = Path.of("conf", "switchyard.yaml");
    GatewayConfig config = new ConfigLoader(
        Map.of("SWITCHYARD_MASTER_KEY", "sk-master", "DEEPSEEK_API_KEY", "sk-deep")::get)
        .parse(yaml, FILE, Optional.of(source));

    GatewayConfig expected = new GatewayConfig(
        new ServerConfig("127.0.0.1", 4100, Optional.of("sk-master"), 16L * 1024 * 1024, LimitsConfig.DEFAULT),
        new StorageConfig("sqlite::memory:"),
        List.of(
            new ProviderConfig("openai", "openai", Optional.empty(), Optional.of("https://api.openai.com/v1"),
                List.of("k1", "k2", "k3"), Map.of("x-team", "blue", "x-tag", "none"),
                Duration.ofSeconds(5), Duration.ofSeconds(30), SimulatorConfig.DEFAULT),
            new ProviderConfig("backup", "openai-compatible", Optional.of("deepseek"), Optional.empty(),
                List.of("sk-deep"), Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT,
                ProviderConfig.DEFAULT_TIMEOUT, SimulatorConfig.DEFAULT),
            new ProviderConfig("local", "openai-compatible", Optional.empty(),
                Optional.of("http://127.0.0.1:8080/v1"), List.of(), Map.of(),
                ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT, SimulatorConfig.DEFAULT),
            new ProviderConfig("sim", "simulator", Optional.empty(), Optional.empty(), List.of(), Map.of(),
                ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT,
                new SimulatorConfig(Duration.ofMillis(250), 40.5))),
        List.of(
            new ModelConfig("gpt-5.4", List.of(
                new ModelConfig.TargetConfig("openai", "gpt-5.4"),
                new ModelConfig.TargetConfig("backup", "deepseek-chat"))),
            new ModelConfig("openai/*", List.of(new ModelConfig.TargetConfig("openai", "*"))),
            new ModelConfig("fast-*", List.of(new ModelConfig.TargetConfig("sim", "sim-*"))),
            new ModelConfig("echo", List.of(new ModelConfig.TargetConfig("sim", "echo")))),
        MediaConfig.DEFAULT,
        Optional.of(source));
    assertThat(config).isEqualTo(expected);
  }

  @Test
  void mediaFetchingIsOffUnlessTheOperatorTurnsItOn() {
    String yaml = """
        media:
          fetch_urls: true
          max_size: 5MiB
          timeout: 3s
        """;
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).parse(yaml, FILE, Optional.empty());
    assertThat(config.media()).isEqualTo(new MediaConfig(true, 5L * 1024 * 1024, Duration.ofSeconds(3)));
    assertThat(new ConfigLoader(Map.<String, String>of()::get).parse("providers: []\n", FILE, Optional.empty()).media())
        .isEqualTo(MediaConfig.DEFAULT);
    assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get)
        .parse("media:\n  fetch_urls: sometimes\n", FILE, Optional.empty()))
        .hasMessageContaining("media.fetch_urls").hasMessageContaining("true or false");
    assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get)
        .parse("media:\n  fetch_url: true\n", FILE, Optional.empty()))
        .hasMessageContaining("fetch_url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "null", "Null", "NULL", ""})
  void yamlNullMeansNoValue(String value) {
    GatewayConfig config = parse("server:\n  master_key: " + value + "\n  port: " + value + "\n");

    assertThat(config.server().masterKey()).isEmpty();
    assertThat(config.server().port()).isEqualTo(ServerConfig.DEFAULT_PORT);
  }

  @Test
  void memoryStorageUrlLoadsWhenQuoted() {
    assertThat(parse("storage:\n  url: \"sqlite::memory:\"\n").storage().url()).isEqualTo("sqlite::memory:");
  }

  @Test
  void missingBlocksTakeDefaults() {
    GatewayConfig config = parse("providers: []\n");

    assertThat(config.server()).isEqualTo(ServerConfig.defaults(Optional.empty()));
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.storage().url()).isEqualTo(StorageConfig.DEFAULT_URL);
    assertThat(config.providers()).isEmpty();
    assertThat(config.models()).isEmpty();
  }

  @Nested
  class EnvironmentReferences {
    @ParameterizedTest(name = "{0} with {1} gives ''{2}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
        ${KEY}                | sk-1 | sk-1
        ${KEY}                | NULL | ""
        ${KEY:-fallback}      | NULL | fallback
        ${KEY:-fallback}      | ""   | fallback
        ${KEY:-fallback}      | sk-1 | sk-1
        ${KEY:-}              | NULL | ""
        ${KEY:-a:b-c}         | NULL | a:b-c
        pre-${KEY}-post       | x    | pre-x-post
        ${KEY}${KEY}          | ab   | abab
        $KEY                  | sk-1 | $KEY
        ${KEY}                | a$1\\b | a$1\\b
        """)
    void referencesResolveFromTheInjectedEnvironment(String reference, String value, String expected) {
      Map<String, String> env = new java.util.HashMap<>();
      env.put("KEY", value);
      GatewayConfig config = parse("server:\n  master_key: \"x" + reference + "\"\n", env);

      assertThat(config.server().masterKey()).contains("x" + expected);
    }

    @Test
    void referencesResolveInListsMapsAndNumbers() {
      GatewayConfig config = parse("""
          server:
            port: ${PORT:-4321}
          providers:
            - name: openai
              kind: openai
              api_keys: ["${K1}", "${K2}"]
              headers:
                authorization-extra: "Bearer ${TOKEN}"
          """, Map.of("K1", "one", "K2", "two", "TOKEN", "t0k"));

      assertThat(config.server().port()).isEqualTo(4321);
      assertThat(config.providers().get(0).apiKeys()).containsExactly("one", "two");
      assertThat(config.providers().get(0).headers()).containsEntry("authorization-extra", "Bearer t0k");
    }

    @Test
    void providerWhoseKeyResolvesEmptyStillLoads() {
      ProviderConfig provider = onlyProvider("""
            - name: openai
              kind: openai
              api_key: ${OPENAI_API_KEY}
              api_keys: ["${OTHER:-}"]
          """);

      assertThat(provider.apiKeys()).isEmpty();
    }
  }

  @Nested
  class UnknownKeys {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        servr: {}                                                       | test.yaml:1: servr: unknown key
        server:\\n  port: 1\\n  prot: 2                                  | test.yaml:3: server.prot: unknown key
        storage:\\n  uri: x                                               | test.yaml:2: storage.uri: unknown key
        providers:\\n  - name: a\\n    kind: openai\\n    base_ulr: x    | test.yaml:4: providers[0].base_ulr: unknown key
        providers:\\n  - {name: a, kind: simulator, simulator: {latncy: 1s}} | test.yaml:2: providers[0].simulator.latncy: unknown key
        providers:\\n  - {name: a, kind: openai}\\nmodels:\\n  - {name: m, targets: [{provider: a}], fallback: x} | test.yaml:4: models[0].fallback: unknown key
        providers:\\n  - {name: a, kind: openai}\\nmodels:\\n  - name: m\\n    targets:\\n      - provider: a\\n        modle: x | test.yaml:7: models[0].targets[0].modle: unknown key
        """)
    void unknownKeysAreRefusedWithFileLineAndPath(String yaml, String message) {
      assertThat(failure(yaml.replace("\\n", "\n"))).hasMessageStartingWith(message);
    }

    @Test
    void messageListsTheKeysThatAreExpected() {
      assertThat(failure("storage:\n  uri: x\n"))
          .hasMessage("test.yaml:2: storage.uri: unknown key (expected one of: url)");
    }

    @Test
    void misspeltRequiredKeyIsReportedAsUnknownNotAsMissing() {
      String yaml = """
          server:
            port: 4000
          providers:
            - name: openai
              base_url: https://example.com/v1
              api_key: sk-1
              kindd: openai
          """;

      assertThat(failure(yaml)).hasMessageStartingWith("test.yaml:7: providers[0].kindd: unknown key");
    }

    @Test
    void misspeltTargetsKeyIsReportedAsUnknownNotAsMissing() {
      String yaml = """
          providers: [{name: sim, kind: simulator}]
          models:
            - name: echo
              target: [{provider: sim}]
          """;

      assertThat(failure(yaml)).hasMessageStartingWith("test.yaml:4: models[0].target: unknown key");
    }

    @Test
    void missingRequiredKeyWithoutLookalikeIsReportedAsMissing() {
      assertThat(failure("providers:\n  - name: openai\n    base_url: https://example.com\n"))
          .hasMessage("test.yaml:2: providers[0].kind: is required");
    }
  }

  @Nested
  class WrongShapes {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        server:\\n  port: abc                        | test.yaml:2: server.port: expected a whole number, got 'abc'
        server:\\n  port: 40.5                       | test.yaml:2: server.port: expected a whole number, got '40.5'
        server:\\n  port: 70000                      | test.yaml:2: server.port: must be between 0 and 65535
        server:\\n  host: [a, b]                     | test.yaml:2: server.host: expected a single value, not a list or mapping
        server:\\n  master_key: {a: b}               | test.yaml:2: server.master_key: expected a single value, not a list or mapping
        server: 4000                                 | test.yaml:1: server: expected a mapping of keys to values
        providers: {name: a}                         | test.yaml:1: providers: expected a list
        providers: openai                            | test.yaml:1: providers[0]: expected a mapping of keys to values
        providers:\\n  - name: [a]\\n    kind: openai | test.yaml:2: providers[0].name: expected a single value, not a list or mapping
        providers:\\n  - {name: a, kind: simulator, simulator: {tokens_per_second: fast}} | test.yaml:2: providers[0].simulator.tokens_per_second: expected a number, got 'fast'
        providers:\\n  - {name: a, kind: openai, simulator: {latency: 1s}} | test.yaml:2: providers[0].simulator: applies to kind simulator only
        providers:\\n  - {name: 'a b', kind: openai} | test.yaml:2: providers[0].name: may hold only letters, digits, '.', '_' and '-'
        providers:\\n  - {name: a, kind: openai, base_url: 'ftp://x'} | test.yaml:2: providers[0].base_url: expected an http:// or https:// URL, got 'ftp://x'
        providers:\\n  - {name: a, kind: openai-compatible} | test.yaml:2: providers[0].base_url: is required for kind openai-compatible without a preset
        providers:\\n  - {name: a, kind: openai, preset: deepseek} | test.yaml:2: providers[0].preset: presets apply to kind openai-compatible only
        """)
    void wrongTypesAreRefusedWithFileLineAndPath(String yaml, String message) {
      assertThat(failure(yaml.replace("\\n", "\n"))).hasMessage(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        server: {}\\nserver: {}                                       | test.yaml:2: server: duplicate key
        server:\\n  port: 1\\n  port: 2                                 | test.yaml:3: server.port: duplicate key
        providers:\\n  - name: a\\n    kind: openai\\n    name: b        | test.yaml:4: providers[0].name: duplicate key
        """)
    void duplicateKeysAreRefused(String yaml, String message) {
      assertThat(failure(yaml.replace("\\n", "\n"))).hasMessage(message);
    }
  }

  @Nested
  class References {
    @Test
    void duplicateProviderNamesAreRefused() {
      String yaml = """
          providers:
            - {name: openai, kind: openai}
            - {name: openai, kind: simulator}
          """;

      assertThat(failure(yaml))
          .hasMessage("test.yaml:3: providers[1].name: another provider is already named 'openai'");
    }

    @Test
    void duplicateModelNamesAreRefused() {
      String yaml = """
          providers: [{name: sim, kind: simulator}]
          models:
            - {name: echo, targets: [{provider: sim}]}
            - {name: echo, targets: [{provider: sim}]}
          """;

      assertThat(failure(yaml)).hasMessage("test.yaml:4: models[1].name: another model is already named 'echo'");
    }

    @Test
    void targetNamingAMissingProviderIsRefused() {
      String yaml = """
          providers: [{name: sim, kind: simulator}]
          models:
            - name: echo
              targets:
                - provider: sim
                - provider: nope
          """;

      assertThat(failure(yaml))
          .hasMessage("test.yaml:6: models[0].targets[1].provider: no provider is named 'nope'");
    }

    @Test
    void providerWildcardWithoutTargetsTargetsThatProvider() {
      GatewayConfig config = parse("""
          providers: [{name: openai, kind: openai}]
          models: [{name: openai/*}]
          """);

      assertThat(config.models()).containsExactly(
          new ModelConfig("openai/*", List.of(new ModelConfig.TargetConfig("openai", "*"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nothere/*", "*", "gpt-*", "openai/gpt-*", "openai"})
    void modelWithoutTargetsThatIsNotAProviderWildcardIsRefused(String name) {
      String yaml = "providers: [{name: openai, kind: openai}]\nmodels:\n  - name: '" + name + "'\n";

      assertThat(failure(yaml)).hasMessage(
          "test.yaml:3: models[0].targets: is required (only a '<provider>/*' pattern may leave it out)");
    }

    @Test
    void modelNameWithTwoStarsIsRefused() {
      String yaml = "providers: [{name: a, kind: openai}]\nmodels: [{name: 'a/*-*', targets: [{provider: a}]}]\n";

      assertThat(failure(yaml)).hasMessage("test.yaml:2: models[0].name: may hold at most one '*'");
    }

    @Test
    void starInTargetOfAnExactModelIsRefused() {
      String yaml = "providers: [{name: a, kind: openai}]\n"
          + "models: [{name: m, targets: [{provider: a, model: 'x-*'}]}]\n";

      assertThat(failure(yaml))
          .hasMessage("test.yaml:2: models[0].targets[0].model: "
              + "may hold '*' only when the model name is a pattern");
    }

    @Test
    void targetOfAPatternWithoutModelKeepsTheCapturedPart() {
      GatewayConfig config = parse("providers: [{name: a, kind: openai}]\n"
          + "models: [{name: 'gpt-*', targets: [{provider: a}]}]\n");

      assertThat(config.models().get(0).targets()).containsExactly(new ModelConfig.TargetConfig("a", "*"));
    }
  }

  @Nested
  class SizesAndDurations {
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "32MiB, 33554432",
        "1KiB, 1024",
        "1048576, 1048576",
        "1kb, 1000",
        "2MB, 2000000",
        "1GiB, 1073741824",
        "3GB, 3000000000",
        "512B, 512",
        "'8 MiB', 8388608",
    })
    void sizesAreReadWithTheirUnits(String text, long bytes) {
      GatewayConfig config = parse("server:\n  limits:\n    max_media_total_size: " + text + "\n");

      assertThat(config.server().limits().maxMediaTotalBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"32 parsecs", "-1", "1.5MiB", "MiB", "99999999999999999999", "99999999999GiB"})
    void badOrOverflowingSizesAreRefusedAsConfigErrors(String text) {
      assertThat(failure("server:\n  max_body_size: '" + text + "'\n"))
          .hasMessage("test.yaml:2: server.max_body_size: "
              + "expected a size such as 32MiB or 1048576, got '" + text + "'");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "5m, PT5M",
        "2h, PT2H",
        "1500, PT1.5S",
        "0ms, PT0S",
    })
    void durationsAreReadWithTheirUnits(String text, Duration expected) {
      ProviderConfig provider = onlyProvider("  - {name: a, kind: openai, timeout: " + text
          + ", connect_timeout: " + text + "}\n");

      assertThat(provider.timeout()).isEqualTo(expected);
      assertThat(provider.connectTimeout()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5s", "soon", "-5s", "5d", "99999999999999999999ms", "9223372036854775807h"})
    void badOrOverflowingDurationsAreRefusedAsConfigErrors(String text) {
      assertThat(failure("providers:\n  - {name: a, kind: openai, timeout: '" + text + "'}\n"))
          .hasMessage("test.yaml:2: providers[0].timeout: expected a duration such as 500ms, 30s or 5m, got '"
              + text + "'");
    }
  }

  @Nested
  class Kinds {
    @Test
    void presetNameAsKindIsShortForOpenAiCompatibleWithThatPreset() {
      ProviderConfig provider = onlyProvider("  - {name: ds, kind: deepseek, api_key: k}\n");

      assertThat(provider.kind()).isEqualTo(ProviderKinds.OPENAI_COMPATIBLE);
      assertThat(provider.preset()).contains("deepseek");
      assertThat(provider.baseUrl()).isEmpty();
    }

    @Test
    void kindAndPresetAreCaseInsensitive() {
      ProviderConfig provider = onlyProvider("  - {name: ds, kind: OpenAI-Compatible, preset: DeepSeek}\n");

      assertThat(provider.kind()).isEqualTo(ProviderKinds.OPENAI_COMPATIBLE);
      assertThat(provider.preset()).contains("deepseek");
    }

    @Test
    void unknownKindNamesTheKindsAndPresets() {
      assertThat(failure("providers:\n  - {name: a, kind: cohere}\n"))
          .hasMessageStartingWith("test.yaml:2: providers[0].kind: unknown kind 'cohere' (expected one of: "
              + "openai, openai-compatible, anthropic, gemini, simulator, or a preset: deepseek, ")
          .hasMessageContaining("groq");
    }

    @Test
    void unknownPresetNamesThePresets() {
      assertThat(failure("providers:\n  - {name: a, kind: openai-compatible, preset: deepsea}\n"))
          .hasMessageStartingWith("test.yaml:2: providers[0].preset: unknown preset 'deepsea' (expected one of: "
              + "deepseek, ")
          .hasMessageContaining("mistral");
    }
  }

  @Nested
  class SourceFiles {
    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
    void emptyFileIsRefused(String text) {
      assertThat(failure(text)).hasMessage("test.yaml: the file is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "server: [unclosed\n", "server:\n  port: 1\n port: 2\n", "a: b: c\n", "\"unterminated\n"})
    void invalidYamlIsRefusedNamingTheFile(String text) {
      assertThat(failure(text)).hasMessageStartingWith("test.yaml: not valid YAML: ");
    }

    @Test
    void topLevelListIsRefused() {
      assertThat(failure("- a\n- b\n"))
          .hasMessage("test.yaml:1: (top level): expected a mapping of keys to values");
    }

    @Test
    void missingFileIsAConfigError(@org.junit.jupiter.api.io.TempDir Path dir) {
      Path missing = dir.resolve("none.yaml");

      assertThatThrownBy(() -> new ConfigLoader(k -> null).load(missing))
          .isInstanceOf(ConfigException.class)
          .hasMessage(missing + ": no such file");
    }

    @Test
    void loadedFileRemembersItsSource(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
      Path file = dir.resolve("switchyard.yaml");
      java.nio.file.Files.writeString(file, "server:\n  port: 5000\n");

      GatewayConfig config = new ConfigLoader(k -> null).load(file);

      assertThat(config.source()).contains(file);
      assertThat(config.server().port()).isEqualTo(5000);
    }
  }

  @Nested
  class Limits {
    @Test
    void everyLimitHasASafeDefault() {
      assertThat(parse("providers: []\n").server().limits()).isEqualTo(LimitsConfig.DEFAULT);
    }

    @Test
    void limitsAreReadFromTheServerBlock() {
      LimitsConfig limits = parse("""
          server:
            limits:
              request_head_timeout: 5s
              idle_timeout: 2m
              body_timeout: 20s
              max_connections: 100
              max_schema_nodes: 1000
              max_media_urls: 0
              max_media_total_size: 1MiB
              max_stream_event_size: 64KiB
              max_stream_duration: 10m
              max_dropped_fields: 8
              max_pending_key_lookups: 16
              unknown_key_cache_ttl: 0s
              max_admin_body_size: 8KiB
          """).server().limits();

      assertThat(limits).isEqualTo(new LimitsConfig(Duration.ofSeconds(5), Duration.ofMinutes(2),
          Duration.ofSeconds(20), 100, 1000, 0, 1024 * 1024, 64 * 1024, Duration.ofMinutes(10), 8, 16,
          Duration.ZERO, 8 * 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"request_head_timeout: 0s", "max_connections: 0", "max_schema_nodes: -1",
        "max_stream_event_size: 10", "max_admin_body_size: 1GiB", "max_connections: 99999999999", "max_conections: 5"})
    void nonsenseLimitsAreRefused(String line) {
      assertThat(failure("server:\n  limits:\n    " + line + "\n").getMessage()).contains("server.limits.");
    }

    @Test
    void aBodyLimitPastWhatOneBufferHoldsIsRefused() {
      assertThat(failure("server:\n  max_body_size: 3GiB\n").getMessage())
          .contains("server.max_body_size").contains("2GiB");
    }
  }

  @Nested
  class SecretsInErrors {
    @Test
    void aValueFromTheEnvironmentIsShownAsItsReference() {
      String message = failure("server:\n  port: ${OPENAI_API_KEY}\n",
          Map.of("OPENAI_API_KEY", "sk-proj-verysecretvalue")).getMessage();

      assertThat(message).contains("${OPENAI_API_KEY}").doesNotContain("verysecret");
    }

    @Test
    void aKeyPutInTheWrongFieldIsNotPrinted() {
      String message = failure("server:\n  max_body_size: sk-ant-api03-abcdefghijklmnopqrstuvwxyz\n").getMessage();

      assertThat(message).contains("server.max_body_size").doesNotContain("abcdefghij").contains("characters");
    }

    @Test
    void aShortPlainValueIsStillQuotedToHelp() {
      assertThat(failure("server:\n  max_body_size: 32 parsecs\n").getMessage()).contains("'32 parsecs'");
    }
  }

  @Nested
  class RoutingAndExperiments {
    private static final String MODELS = """
        providers:
          - {name: sim, kind: simulator}
        models:
          - {name: a, targets: [{provider: sim, model: x, weight: 2}], strategy: weighted, retry: {attempts: 4}}
          - {name: b, targets: [{provider: sim, model: y}]}
        """;

    @Test
    void strategiesWeightsRetriesAndExperimentsAreRead() {
      GatewayConfig config = parse(MODELS + """
          routing:
            retry: {attempts: 3, backoff: 100ms}
            circuit_breaker: {consecutive_failures: 2, open_for: 5s}
          experiments:
            - {name: exp, variants: [{model: a, percent: 25}, {name: other, model: b, percent: 75}]}
          """);

      ModelConfig a = config.models().get(0);
      assertThat(a.strategy()).isEqualTo(ModelConfig.Strategy.WEIGHTED);
      assertThat(a.targets().get(0).weight()).isEqualTo(2);
      assertThat(a.retry()).hasValueSatisfying(r -> {
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(r.backoff()).isEqualTo(Duration.ofMillis(100)); // the rest from routing.retry
      });
      assertThat(config.routing().breaker().consecutiveFailures()).isEqualTo(2);
      assertThat(config.routing().experiments()).singleElement().satisfies(e ->
          assertThat(e.variants()).extracting(ExperimentConfig.Variant::name).containsExactly("a", "other"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "experiments: [{name: exp, variants: [{model: a, percent: 25}, {model: b, percent: 70}]}]",
        "experiments: [{name: a, variants: [{model: b, percent: 100}]}]",
        "experiments: [{name: exp, variants: []}]",
        "routing: {retry: {attempts: 0}}",
        "routes: [{match: {header: {x-tier: batch}}, use: nowhere}]",
        "routes: [{match: {}, use: a}]",
        "routes: [{use: a}]",
        "routing: {circuit_breaker: {failure_rate: 120}}",
    })
    void nonsenseIsRefused(String yaml) {
      failure(MODELS + yaml + "\n");
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheKnownOnes() {
      assertThat(failure(MODELS.replace("strategy: weighted", "strategy: fastest")).getMessage())
          .contains("least-latency");
    }
  }
}
