package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OpenAiFinishReasonsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "STOP, stop",
      "STOP_SEQUENCE, stop",
      "LENGTH, length",
      "TOOL_CALLS, tool_calls",
      "CONTENT_FILTER, content_filter",
      "PAUSE, stop",
      "OTHER, stop"})
  void canonicalReasonsBecomeOpenAiNames(FinishReason reason, String openAi) {
    assertThat(OpenAiFinishReasons.toOpenAi(reason)).isEqualTo(openAi);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "stop, STOP",
      "length, LENGTH",
      "tool_calls, TOOL_CALLS",
      "function_call, TOOL_CALLS",
      "content_filter, CONTENT_FILTER",
      "insufficient_system_resource, OTHER",
      "'', OTHER"})
  void openAiNamesBecomeCanonicalReasons(String openAi, FinishReason reason) {
    assertThat(OpenAiFinishReasons.fromOpenAi(openAi)).isEqualTo(reason);
  }

  @ParameterizedTest
  @EnumSource(FinishReason.class)
  void everyCanonicalReasonHasANameTheSpecAllows(FinishReason reason) {
    assertThat(OpenAiFinishReasons.toOpenAi(reason))
        .isIn("stop", "length", "tool_calls", "content_filter", "function_call");
  }

  @Test
  void everyOpenAiNameSurvivesARoundTrip() {
    for (String name : new String[] {"stop", "length", "tool_calls", "content_filter"}) {
      assertThat(OpenAiFinishReasons.toOpenAi(OpenAiFinishReasons.fromOpenAi(name))).isEqualTo(name);
    }
  }
}
