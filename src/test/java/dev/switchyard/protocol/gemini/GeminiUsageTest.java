package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiTestSupport.fixture;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.JsonTrees;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiUsageTest {
  /** Recorded usage: thoughts are output (and reasoning), cached tokens are part of the prompt's. */
  static Stream<Arguments> recordedUsage() {
    return Stream.of(
        Arguments.of("generate-text", 0, new Usage(9, 0, 0, 43, 34)),
        Arguments.of("cached-content-usage", 0, new Usage(3520, 3512, 0, 44, 42)),
        Arguments.of("structured-output", 0, new Usage(8, 0, 0, 20, 0)),
        Arguments.of("function-call", 0, new Usage(33, 0, 0, 5, 0)),
        Arguments.of("function-call", 1, new Usage(47, 0, 0, 8, 0)));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedUsage")
  void recordedUsageMetadataIsCanonicalAndItsTotalIsKept(String name, int exchange, Usage usage) {
    JsonNode metadata = fixture(name).exchange(exchange).responseJson().path("usageMetadata");
    Usage read = GeminiUsage.fromJson(metadata);
    assertThat(read).isEqualTo(usage);
    assertThat(read.totalTokens()).isEqualTo(metadata.path("totalTokenCount").asLong());
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedUsage")
  void writtenUsageReadsBackTheSameAndTheSdkReadsIt(String name, int exchange, Usage usage) {
    JsonNode written = GeminiUsage.toJson(usage);
    assertThat(GeminiUsage.fromJson(written)).isEqualTo(usage);
    GenerateContentResponseUsageMetadata sdk = GenerateContentResponseUsageMetadata.fromJson(written.toString());
    assertThat(sdk.promptTokenCount()).contains((int) usage.inputTokens());
    assertThat(sdk.totalTokenCount()).contains((int) usage.totalTokens());
  }

  @Test
  void writtenUsageSplitsThoughtsFromCandidatesAndLeavesZeroCountsOut() {
    assertThat(written(new Usage(3520, 3512, 0, 44, 42))).isEqualTo(json("""
        {"promptTokenCount":3520,"candidatesTokenCount":2,"cachedContentTokenCount":3512,
         "thoughtsTokenCount":42,"totalTokenCount":3564}"""));
    assertThat(written(new Usage(8, 0, 7, 20, 0))).isEqualTo(json("""
        {"promptTokenCount":8,"candidatesTokenCount":20,"totalTokenCount":28}"""));
  }

  /** As a client reads it (numbers as JSON, not as the long nodes written). */
  private static JsonNode written(Usage usage) {
    return json(JsonTrees.bytes(GeminiUsage.toJson(usage)));
  }

  @Test
  void toolUsePromptTokensAreInputAndMissingCountsAreZero() {
    assertThat(GeminiUsage.fromJson(json("""
        {"promptTokenCount":10,"toolUsePromptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":18}""")))
        .isEqualTo(new Usage(15, 0, 0, 3, 0));
    assertThat(GeminiUsage.fromJson(json("{}"))).isEqualTo(Usage.ZERO);
  }
}
