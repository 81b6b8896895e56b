package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiTestSupport.body;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.chunks;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.decode;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.decodeChunks;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiStreamDecoderTest {
  private static final String SIGNATURE_PREFIX_SSE = "gemini:EpwICpkIAXLI2nxl";
  private static final String SIGNATURE_PREFIX_ARRAY = "gemini:ClgBEU0yD8z3tYzb";

  /** Every recorded stream, SSE and JSON array: text, calls, usage, finish. */
  static Stream<Arguments> recordedStreams() {
    return Stream.of(
        Arguments.of("stream-text-sse", 0, "The capital of France is Paris.\n", List.of(),
            new Usage(13, 0, 0, 8, 0), FinishReason.STOP),
        Arguments.of("function-call-stream-thought-signature", 0, "", List.of("get_country"),
            new Usage(29, 0, 0, 212, 202), FinishReason.TOOL_CALLS),
        Arguments.of("function-call-stream-thought-signature", 1, "The capital of Mexico is Mexico City.", List.of(),
            new Usage(257, 0, 0, 8, 0), FinishReason.STOP),
        Arguments.of("stream-json-array-thoughts-tools", 0, "", List.of("pelican_name_generator"),
            new Usage(32, 0, 0, 54, 42), FinishReason.TOOL_CALLS),
        Arguments.of("stream-json-array-thoughts-tools", 1, "", List.of("pelican_name_generator"),
            new Usage(105, 0, 0, 13, 0), FinishReason.TOOL_CALLS),
        Arguments.of("stream-json-array-thoughts-tools", 2, "How about Charles and Sammy?", List.of(),
            new Usage(137, 0, 0, 6, 0), FinishReason.STOP));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedStreams")
  void recordedStreamsDecodeToTextCallsUsageAndFinish(String name, int exchange, String text, List<String> calls,
      Usage usage, FinishReason finish) {
    List<StreamEvent> events = decode(body(name, exchange));
    StringBuilder streamed = new StringBuilder();
    List<String> called = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.TextDelta t) {
        streamed.append(t.text());
      } else if (event instanceof StreamEvent.ToolCallStart c) {
        called.add(c.name());
      }
    }
    assertThat(streamed.toString()).isEqualTo(text);
    assertThat(called).isEqualTo(calls);
    assertThat(events.get(0)).isInstanceOf(StreamEvent.Start.class);
    assertThat(events.subList(events.size() - 3, events.size())).containsExactly(
        new StreamEvent.Finish(0, finish, Optional.empty()), new StreamEvent.UsageReport(usage), new StreamEvent.End());
  }

  @Test
  void aSignedCallStreamsItsSignatureFirstThenTheWholeCall() {
    List<StreamEvent> events = decode(body("function-call-stream-thought-signature", 0));
    String id = GeminiToolCallIds.synthesise("QUVVadTSNJ6_qtsPvN7J8Q0", 0, 0);
    assertThat(events.get(0)).isEqualTo(new StreamEvent.Start("QUVVadTSNJ6_qtsPvN7J8Q0", "gemini-3-pro-preview",
        Optional.empty()));
    assertThat(events.get(1)).isInstanceOfSatisfying(StreamEvent.ReasoningSignature.class,
        s -> assertThat(s.signature().orElseThrow()).startsWith(SIGNATURE_PREFIX_SSE));
    assertThat(events.subList(2, 4)).containsExactly(new StreamEvent.ToolCallStart(0, 0, id, "get_country"),
        new StreamEvent.ToolCallDelta(0, 0, "{}"));
    assertThat(events).hasSize(7);
  }

  @Test
  void thoughtsStreamAsReasoningAndTheCallsSignatureFollowsThem() {
    List<StreamEvent> events = decode(body("stream-json-array-thoughts-tools", 0));
    assertThat(events.get(1)).isInstanceOfSatisfying(StreamEvent.ReasoningDelta.class,
        r -> assertThat(r.text()).startsWith("**Generating Pelican Names**"));
    assertThat(events.get(2)).isInstanceOfSatisfying(StreamEvent.ReasoningSignature.class,
        s -> assertThat(s.signature().orElseThrow()).startsWith(SIGNATURE_PREFIX_ARRAY));
    assertThat(events.get(3)).isEqualTo(new StreamEvent.ToolCallStart(0, 0,
        GeminiToolCallIds.synthesise("OYpyaqycKd2V_uMP65TsgA0", 0, 0), "pelican_name_generator"));
  }

  /** The same answer, streamed or whole, gives its calls the same ids. */
  @Test
  void streamedAndWholeDecodingSynthesiseTheSameIds() {
    byte[] onlyChunk = chunks(body("stream-json-array-thoughts-tools", 1)).getFirst();
    Item whole = GeminiResponseToCanonical.response(onlyChunk).candidates().getFirst().items().getFirst();
    StreamEvent streamed = decode(body("stream-json-array-thoughts-tools", 1)).get(1);
    assertThat(((StreamEvent.ToolCallStart) streamed).id()).isEqualTo(((Item.ToolCall) whole).id());
  }

  @Test
  void parallelCallsInOneChunkCountFromZeroAndKeepGivenIds() {
    List<StreamEvent> events = decodeChunks("""
        {"candidates":[{"content":{"role":"model","parts":[{"text":"Checking."},
          {"functionCall":{"name":"weather","args":{"city":"Paris"}},"thoughtSignature":"U0lH"},
          {"functionCall":{"id":"given","name":"weather","args":{"city":"Rome"}}}]},"index":0}],
         "responseId":"r","modelVersion":"m"}""", """
        {"candidates":[{"content":{"role":"model","parts":[{"text":""}]},"finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":7,"totalTokenCount":12},
         "responseId":"r","modelVersion":"m"}""");
    assertThat(events).containsExactly(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.TextDelta(0, "Checking."),
        new StreamEvent.ReasoningSignature(0, Optional.of("gemini:U0lH"), Optional.empty()),
        new StreamEvent.ToolCallStart(0, 0, GeminiToolCallIds.synthesise("r", 0, 0), "weather"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"city\":\"Paris\"}"),
        new StreamEvent.ToolCallStart(0, 1, "given", "weather"),
        new StreamEvent.ToolCallDelta(0, 1, "{\"city\":\"Rome\"}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(5, 0, 0, 7, 0)),
        new StreamEvent.End());
  }

  @Test
  void twoCandidatesEndOnlyWhenBothFinished() {
    List<StreamEvent> events = decodeChunks("""
        {"candidates":[{"content":{"parts":[{"text":"A"}],"role":"model"},"index":0},
          {"content":{"parts":[{"text":"B","thought":true}],"role":"model"},"index":1}],"responseId":"r","modelVersion":"m"}""", """
        {"candidates":[{"content":{"parts":[{"text":"a"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0},
          {"content":{"parts":[{"text":"b"}],"role":"model"},"index":1}],"responseId":"r","modelVersion":"m"}""", """
        {"candidates":[{"content":{"parts":[{"text":"!"}],"role":"model"},"finishReason":"STOP","index":1}],
         "usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":4,"thoughtsTokenCount":1},
         "responseId":"r","modelVersion":"m"}""", """
        {"candidates":[{"content":{"parts":[{"text":"after the end"}],"role":"model"},"index":1}]}""");
    assertThat(events).containsExactly(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.TextDelta(0, "A"),
        new StreamEvent.ReasoningDelta(1, "B"),
        new StreamEvent.TextDelta(0, "a"),
        new StreamEvent.TextDelta(1, "b"),
        new StreamEvent.TextDelta(1, "!"),
        new StreamEvent.Finish(0, FinishReason.LENGTH, Optional.empty()),
        new StreamEvent.Finish(1, FinishReason.STOP, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(1, 0, 0, 5, 1)),
        new StreamEvent.End());
  }

  @Test
  void anErrorChunkMidStreamFailsWithItsStatus() {
    List<StreamEvent> events = decodeChunks("""
        {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"responseId":"r","modelVersion":"m"}""",
        """
        {"error":{"code":429,"message":"Resource has been exhausted.","status":"RESOURCE_EXHAUSTED"}}""", """
        {"candidates":[{"content":{"parts":[{"text":"lo"}],"role":"model"},"finishReason":"STOP","index":0}]}""");
    assertThat(events).containsExactly(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.TextDelta(0, "Hel"),
        new StreamEvent.Failure(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted."));
    assertThat(decodeChunks("{\"error\":{\"message\":\"Try later.\",\"status\":\"UNAVAILABLE\"}}"))
        .containsExactly(new StreamEvent.Failure(503, "UNAVAILABLE", "Try later."));
  }

  @Test
  void aBlockedPromptFailsTheStreamWithContentFilter() {
    List<StreamEvent> events = decodeChunks("""
        {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3},"responseId":"r","modelVersion":"m"}""");
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).isInstanceOfSatisfying(StreamEvent.Failure.class, f -> {
      assertThat(f.status()).isEqualTo(400);
      assertThat(f.type()).isEqualTo("content_filter");
      assertThat(f.message()).contains("SAFETY");
    });
  }

  @Test
  void aCutStreamOrAChunkThatIsNoJsonFails() {
    List<StreamEvent> events = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder(events::add);
    decoder.accept(utf8("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}],\"responseId\":\"r\"}"));
    assertThat(decoder.ended()).isFalse();
    decoder.finish();
    assertThat(decoder.ended()).isTrue();
    assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.Failure.class,
        f -> assertThat(f.status()).isEqualTo(502));
    assertThat(decodeChunks("{\"candidates\":")).singleElement().isInstanceOf(StreamEvent.Failure.class);
  }
}
