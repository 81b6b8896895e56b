package dev.switchyard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.error.GatewayException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicOutputBudgetTest {
  @ParameterizedTest
  @CsvSource({
      "claude-sonnet-4-5, 64000, 16384",
      "claude-sonnet-4-5-20250929, 64000, 16384",
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0, 64000, 16384",
      "claude-sonnet-4-5@20250929, 64000, 16384",
      "claude-opus-4-6, 128000, 16384",
      "claude-opus-4-8, 128000, 16384",
      "claude-sonnet-4-6, 128000, 16384",
      "claude-opus-4-1-20250805, 32000, 16384",
      "claude-opus-4-20250514, 32000, 16384",
      "claude-sonnet-4-0, 64000, 16384",
      "claude-haiku-4-5-20251001, 64000, 16384",
      "claude-3-7-sonnet-latest, 64000, 16384",
      "claude-3-5-haiku-20241022, 8192, 8192",
      "claude-3-opus-latest, 4096, 4096",
      "claude-3-haiku-20240307, 4096, 4096"})
  void knownModelsHaveALimitAndADefault(String model, int limit, int byDefault) {
    assertThat(AnthropicModelLimits.maxOutputTokens(model)).contains(limit);
    assertThat(AnthropicModelLimits.defaultOutputTokens(model)).isEqualTo(byDefault);
  }

  @ParameterizedTest
  @CsvSource({"claude-opus-5-5, 16384", "claude-fable-5-1, 16384", "claude-sonnet-5, 16384",
      "us.anthropic.claude-opus-5-5-v1:0, 16384", "my-private-finetune, 4096", "claude-instant-1, 4096",
      "claude-2, 4096"})
  void unknownModelsGetNoLimitAndADefaultByTheirGeneration(String model, int byDefault) {
    assertThat(AnthropicModelLimits.maxOutputTokens(model)).isEmpty();
    assertThat(AnthropicModelLimits.defaultOutputTokens(model)).isEqualTo(byDefault);
  }

  @ParameterizedTest
  @CsvSource({
      // effort, budget, requested max (0 = none), expected max_tokens, expected budget (0 = no thinking)
      "low,     , 0,     18432, 2048",
      "medium,  , 0,     24576, 8192",
      "high,    , 0,     40960, 24576",
      "xhigh,   , 0,     49152, 32768",
      "none,    , 0,     16384, 0",
      "minimal, , 0,     16384, 0",
      "HIGH,    , 30000, 30000, 24576",
      "low,     , 1000,  3048,  2048",
      ",        500, 0,  17408, 1024",
      ",        0, 0,    16384, 0",
      ",        -1, 0,   24576, 8192",
      ",        60000, 0, 64000, 60000",
      "high,    , 63000, 63000, 24576",
      "high,    , 4000,  28576, 24576",
      ",        , 0,     24576, 8192"})
  void thinkingBudgetsFitUnderMaxTokensWithinTheModelsLimit(String effort, Integer budget, int requested,
      int maxTokens, int thinking) {
    ReasoningConfig reasoning = new ReasoningConfig(Optional.ofNullable(effort), Optional.ofNullable(budget));
    AnthropicOutputBudget.Plan plan = AnthropicOutputBudget.plan("claude-sonnet-4-5",
        requested == 0 ? Optional.empty() : Optional.of(requested), Optional.of(reasoning));
    assertThat(plan.maxTokens()).isEqualTo(maxTokens);
    assertThat(plan.budget()).isEqualTo(thinking == 0 ? OptionalInt.empty() : OptionalInt.of(thinking));
    plan.budget().ifPresent(b -> assertThat(b).isBetween(1024, plan.maxTokens() - 1));
  }

  @Test
  void noReasoningMeansTheRequestedOrDefaultMaxTokens() {
    assertThat(AnthropicOutputBudget.plan("claude-3-5-haiku", Optional.of(300), Optional.empty()))
        .isEqualTo(new AnthropicOutputBudget.Plan(300, OptionalInt.empty()));
    assertThat(AnthropicOutputBudget.plan("claude-3-5-haiku", Optional.empty(), Optional.empty()))
        .isEqualTo(new AnthropicOutputBudget.Plan(8192, OptionalInt.empty()));
  }

  @Test
  void maxTokensOverTheModelsLimitIsA400NamingTheNumberAndTheModel() {
    assertThatThrownBy(() -> AnthropicOutputBudget.plan("claude-3-5-haiku-20241022", Optional.of(9000),
        Optional.empty()))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.param()).contains("max_tokens");
        })
        .hasMessageContaining("9000").hasMessageContaining("8192").hasMessageContaining("claude-3-5-haiku-20241022");
  }

  @Test
  void maxTokensBelowOneIsA400() {
    assertThatThrownBy(() -> AnthropicOutputBudget.plan("claude-sonnet-4-5", Optional.of(0), Optional.empty()))
        .isInstanceOf(GatewayException.class).hasMessageContaining("at least 1");
  }

  @Test
  void anUnknownEffortIsA400NamingIt() {
    assertThatThrownBy(() -> AnthropicOutputBudget.plan("claude-sonnet-4-5", Optional.empty(),
        Optional.of(new ReasoningConfig(Optional.of("extreme"), Optional.empty()))))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("'extreme'");
  }
}
