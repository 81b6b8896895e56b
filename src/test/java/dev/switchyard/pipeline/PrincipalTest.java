package dev.switchyard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrincipalTest {
  private static Principal allowing(String... patterns) {
    return new Principal("key_1", "test", Arrays.asList(patterns), false);
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "gpt-*,      gpt-4o,          true",
      "gpt-*,      gpt-,            true",
      "gpt-*,      gpt,             false",
      "gpt-*,      o4-mini,         false",
      "gpt-*,      xgpt-4o,         false",
      "*-mini,     o4-mini,         true",
      "*-mini,     gpt-4o-mini,     true",
      "*-mini,     gpt-4o-mini-x,   false",
      "*,          anything/at:all, true",
      "*,          '',              true",
      "gpt-4o,     gpt-4o,          true",
      "gpt-4o,     gpt-4o-mini,     false",
      "gpt-4o,     GPT-4O,          false",
      "gpt-4o,     gpt-4,           false",
      "openai/*,   openai/gpt-5.4,  true",
      "openai/*,   deepseek/chat,   false",
      "*/*-mini,   openai/o4-mini,  true",
      "*/*-mini,   o4-mini,         false",
      "a*b*c,      aXbYc,           true",
      "a*b*c,      abbc,            true",
      "a*b*c,      acb,             false",
      "**,         x,               true",
      "a*a,        a,               false",
      "a*a,        aa,              true",
      "'',         '',              true",
      "'',         x,               false",
  })
  void globPatternsMatchWholeNames(String pattern, String model, boolean allowed) {
    assertThat(allowing(pattern).mayUse(model)).isEqualTo(allowed);
  }

  @Test
  void emptyListAllowsEveryModel() {
    assertThat(allowing().mayUse("gpt-4o")).isTrue();
    assertThat(allowing().mayUse("")).isTrue();
  }

  @Test
  void anyPatternOfTheListAllows() {
    Principal principal = allowing("gpt-*", "*-mini", "text-embedding-3-small");

    assertThat(principal.mayUse("gpt-5.4")).isTrue();
    assertThat(principal.mayUse("o4-mini")).isTrue();
    assertThat(principal.mayUse("text-embedding-3-small")).isTrue();
    assertThat(principal.mayUse("claude-3")).isFalse();
  }

  @Test
  void masterMayUseEveryModel() {
    assertThat(Principal.MASTER.master()).isTrue();
    assertThat(Principal.MASTER.mayUse("anything")).isTrue();
  }

  @Test
  void patternListIsCopied() {
    List<String> patterns = new java.util.ArrayList<>(List.of("gpt-*"));
    Principal principal = new Principal("k", "n", patterns, false);
    patterns.add("*");

    assertThat(principal.mayUse("o4-mini")).isFalse();
  }
}
