package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.types.FinishReason.Known;
import dev.switchyard.canonical.FinishReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GeminiFinishReasonsTest {
  /** Every value of the proto's {@code Candidate.FinishReason}, without and with a function call. */
  @ParameterizedTest
  @CsvSource({
      "STOP, STOP, TOOL_CALLS",
      "MAX_TOKENS, LENGTH, LENGTH",
      "SAFETY, CONTENT_FILTER, CONTENT_FILTER",
      "RECITATION, CONTENT_FILTER, CONTENT_FILTER",
      "LANGUAGE, CONTENT_FILTER, CONTENT_FILTER",
      "BLOCKLIST, CONTENT_FILTER, CONTENT_FILTER",
      "PROHIBITED_CONTENT, CONTENT_FILTER, CONTENT_FILTER",
      "SPII, CONTENT_FILTER, CONTENT_FILTER",
      "IMAGE_SAFETY, CONTENT_FILTER, CONTENT_FILTER",
      "IMAGE_PROHIBITED_CONTENT, CONTENT_FILTER, CONTENT_FILTER",
      "IMAGE_RECITATION, CONTENT_FILTER, CONTENT_FILTER",
      "MALFORMED_FUNCTION_CALL, OTHER, OTHER",
      "UNEXPECTED_TOOL_CALL, OTHER, OTHER",
      "TOO_MANY_TOOL_CALLS, OTHER, OTHER",
      "IMAGE_OTHER, OTHER, OTHER",
      "NO_IMAGE, OTHER, OTHER",
      "OTHER, OTHER, OTHER",
      "FINISH_REASON_UNSPECIFIED, OTHER, OTHER",
      "A_REASON_FROM_THE_FUTURE, OTHER, OTHER"})
  void everyGeminiReasonIsCanonicalAndStopWithACallIsToolCalls(String gemini, FinishReason plain,
      FinishReason withCall) {
    assertThat(GeminiFinishReasons.toCanonical(gemini, false)).isEqualTo(plain);
    assertThat(GeminiFinishReasons.toCanonical(gemini, true)).isEqualTo(withCall);
  }

  @ParameterizedTest
  @CsvSource({
      "STOP, STOP",
      "STOP_SEQUENCE, STOP",
      "TOOL_CALLS, STOP",
      "PAUSE, STOP",
      "LENGTH, MAX_TOKENS",
      "CONTENT_FILTER, SAFETY",
      "OTHER, OTHER"})
  void everyCanonicalReasonHasAGeminiOne(FinishReason canonical, String gemini) {
    assertThat(GeminiFinishReasons.toGemini(canonical)).isEqualTo(gemini);
  }

  @ParameterizedTest
  @EnumSource(FinishReason.class)
  void theSdkKnowsEveryReasonWritten(FinishReason canonical) {
    assertThat(Known.valueOf(GeminiFinishReasons.toGemini(canonical))).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void noReasonIsOther() {
    assertThat(GeminiFinishReasons.toCanonical(null, true)).isEqualTo(FinishReason.OTHER);
  }
}
