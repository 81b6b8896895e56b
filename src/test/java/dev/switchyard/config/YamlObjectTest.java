package dev.switchyard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

class YamlObjectTest {
  private static YamlObject read(String yaml, Map<String, String> env) {
    LoadSettings settings = LoadSettings.builder().build();
    Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
    return new YamlObject(new YamlObject.Context("t.yaml", env::get), composer.getSingleNode().orElseThrow(), "");
  }

  private static YamlObject read(String yaml) {
    return read(yaml, Map.of());
  }

  @Test
  void singleScalarCountsAsOneItemList() {
    assertThat(read("keys: only\n").strings("keys")).containsExactly("only");
  }

  @Test
  void nullAndAbsentValuesAreEmpty() {
    YamlObject o = read("a: null\nc:\n");

    assertThat(o.string("a")).isEmpty();
    assertThat(o.string("c")).isEmpty();
    assertThat(o.string("d")).isEmpty();
    assertThat(o.object("a")).isEmpty();
    assertThat(o.strings("c")).isEmpty();
    assertThat(o.has("a")).isFalse();
  }

  @Test
  void quotedNullIsAString() {
    assertThat(read("a: 'null'\n").string("a")).contains("null");
  }

  @Test
  void stringMapResolvesEnvironmentReferencesInValues() {
    YamlObject o = read("h:\n  x-one: ${ONE}\n  x-two: 2\n", Map.of("ONE", "1"));

    assertThat(o.stringMap("h")).containsExactly(Map.entry("x-one", "1"), Map.entry("x-two", "2"));
  }

  @Test
  void keysAskedForAreNotUnknown() {
    YamlObject o = read("a: 1\nb: 2\n");
    o.string("a");
    o.has("b");

    o.rejectUnknownKeys();
  }

  @Test
  void keysNotAskedForAreUnknownAndTheAskedOnesAreListed() {
    YamlObject o = read("a: 1\nb: 2\n");
    o.string("a");
    o.string("z");

    assertThatThrownBy(o::rejectUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessage("t.yaml:2: b: unknown key (expected one of: a, z)");
  }

  @Test
  void nestedObjectsCarryTheirDottedPath() {
    YamlObject inner = read("outer:\n  items:\n    - {k: v}\n").object("outer").orElseThrow()
        .objects("items").get(0);

    assertThat(inner.path()).isEqualTo("outer.items[0]");
    assertThat(inner.error("k", "bad")).hasMessage("t.yaml:3: outer.items[0].k: bad");
  }

  @Test
  void missingKeyWithALookalikeNamesTheLookalike() {
    YamlObject o = read("nmae: x\nother: y\n");

    assertThat(o.missing("name", "is required")).hasMessage("t.yaml:1: nmae: unknown key (did you mean 'name'?)");
  }

  @Test
  void missingKeyWhoseLookalikeWasAskedForIsPlainlyMissing() {
    YamlObject o = read("names: x\n");
    o.string("names");

    assertThat(o.missing("name", "is required")).hasMessage("t.yaml:1: name: is required");
  }

  @Test
  void nonScalarKeyIsRefused() {
    assertThatThrownBy(() -> read("? [a, b]\n: c\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a single value");
  }
}
