package dev.switchyard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.StopReason;
import dev.switchyard.canonical.FinishReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AnthropicStopReasonsTest {
  @ParameterizedTest
  @CsvSource({
      "end_turn, STOP",
      "stop_sequence, STOP_SEQUENCE",
      "max_tokens, LENGTH",
      "model_context_window_exceeded, LENGTH",
      "tool_use, TOOL_CALLS",
      "refusal, CONTENT_FILTER",
      "pause_turn, PAUSE",
      "something_new, OTHER"})
  void anthropicReasonsMapToCanonicalOnes(String anthropic, FinishReason canonical) {
    assertThat(AnthropicStopReasons.toCanonical(anthropic)).isEqualTo(canonical);
  }

  @Test
  void aMissingReasonIsOther() {
    assertThat(AnthropicStopReasons.toCanonical(null)).isEqualTo(FinishReason.OTHER);
  }

  @ParameterizedTest
  @CsvSource({
      "STOP, end_turn",
      "STOP_SEQUENCE, stop_sequence",
      "LENGTH, max_tokens",
      "TOOL_CALLS, tool_use",
      "CONTENT_FILTER, refusal",
      "PAUSE, pause_turn",
      "OTHER, end_turn"})
  void canonicalReasonsMapToAnthropicOnes(FinishReason canonical, String anthropic) {
    assertThat(AnthropicStopReasons.toAnthropic(canonical)).isEqualTo(anthropic);
  }

  @ParameterizedTest
  @EnumSource(FinishReason.class)
  void everyCanonicalReasonIsOneTheSdkKnows(FinishReason reason) {
    StopReason sdk = StopReason.of(AnthropicStopReasons.toAnthropic(reason));
    assertThat(Arrays.asList(StopReason.Known.values())).contains(sdk.known());
  }

  @ParameterizedTest
  @EnumSource(value = FinishReason.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
  void everyNamedCanonicalReasonSurvivesARoundTrip(FinishReason reason) {
    assertThat(AnthropicStopReasons.toCanonical(AnthropicStopReasons.toAnthropic(reason))).isEqualTo(reason);
  }
}
