package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiTestSupport.body;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.chunks;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.decode;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.encode;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiStreamEncoderTest {
  private static final GeminiStreamEncoder.Framing SSE = GeminiStreamEncoder.Framing.SSE;
  private static final GeminiStreamEncoder.Framing ARRAY = GeminiStreamEncoder.Framing.JSON_ARRAY;

  static Stream<Arguments> recordedStreams() {
    List<Arguments> cases = new ArrayList<>();
    for (GeminiStreamEncoder.Framing framing : GeminiStreamEncoder.Framing.values()) {
      cases.add(Arguments.of("stream-text-sse", 0, framing));
      cases.add(Arguments.of("function-call-stream-thought-signature", 0, framing));
      cases.add(Arguments.of("function-call-stream-thought-signature", 1, framing));
      cases.add(Arguments.of("stream-json-array-thoughts-tools", 0, framing));
      cases.add(Arguments.of("stream-json-array-thoughts-tools", 1, framing));
      cases.add(Arguments.of("stream-json-array-thoughts-tools", 2, framing));
    }
    return cases.stream();
  }

  /** Decoded, encoded for a Gemini client, decoded again: the same events, under the client's model name. */
  @ParameterizedTest(name = "{0} #{1} {2}")
  @MethodSource("recordedStreams")
  void recordedStreamsSurviveTheRoundTripAndEveryChunkParsesWithTheSdk(String name, int exchange,
      GeminiStreamEncoder.Framing framing) {
    List<StreamEvent> decoded = decode(body(name, exchange));
    byte[] encoded = encode(framing, decoded);
    chunks(encoded).forEach(chunk -> assertThat(sdk(chunk).modelVersion()).contains("client-model"));
    List<StreamEvent> again = decode(encoded);
    StreamEvent.Start start = (StreamEvent.Start) decoded.getFirst();
    assertThat(again.getFirst()).isEqualTo(new StreamEvent.Start(start.id(), "client-model", Optional.empty()));
    assertThat(again.subList(1, again.size())).isEqualTo(decoded.subList(1, decoded.size()));
  }

  @Test
  void sseFramingWritesOneDataEventPerDeltaAndTheFinishWithUsageLast() {
    String body = new String(encode(SSE, List.of(
        new StreamEvent.Start("resp-1", "upstream-model", Optional.empty()),
        new StreamEvent.TextDelta(0, "Hello"),
        new StreamEvent.TextDelta(0, " world"),
        new StreamEvent.Finish(0, FinishReason.LENGTH, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(5, 0, 0, 9, 4)),
        new StreamEvent.End())), StandardCharsets.UTF_8);
    String ids = "\"modelVersion\":\"client-model\",\"responseId\":\"resp-1\"}";
    assertThat(body).isEqualTo(
        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello\"}],\"role\":\"model\"},\"index\":0}],"
            + ids + "\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" world\"}],\"role\":\"model\"},\"index\":0}],"
            + ids + "\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"MAX_TOKENS\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,"
            + "\"candidatesTokenCount\":5,\"thoughtsTokenCount\":4,\"totalTokenCount\":14}," + ids + "\r\n\r\n");
  }

  @Test
  void jsonArrayFramingStreamsTheArrayElementByElement() {
    GeminiStreamEncoder encoder = new GeminiStreamEncoder("client-model", ARRAY);
    assertThat(encoder.encode(new StreamEvent.Start("r", "m", Optional.empty()))).isEmpty();
    assertThat(text(encoder.encode(new StreamEvent.TextDelta(0, "A")))).startsWith("[{\"candidates\":");
    assertThat(text(encoder.encode(new StreamEvent.TextDelta(0, "B")))).startsWith(",\r\n{\"candidates\":");
    assertThat(encoder.encode(new StreamEvent.Finish(0, FinishReason.STOP, Optional.empty()))).isEmpty();
    assertThat(text(encoder.encode(new StreamEvent.UsageReport(new Usage(1, 0, 0, 2, 0)))))
        .startsWith(",\r\n{").contains("\"finishReason\":\"STOP\"").doesNotEndWith("]");
    assertThat(text(encoder.encode(new StreamEvent.End()))).isEqualTo("]");
    assertThat(encoder.encode(new StreamEvent.TextDelta(0, "after the end"))).isEmpty();
  }

  @Test
  void callsAreHeldUntilWholeParallelOnesShareAChunkAndTheSignatureGoesOnTheFirst() {
    byte[] body = encode(ARRAY, List.of(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.ReasoningDelta(0, "Two cities."),
        new StreamEvent.ReasoningSignature(0, Optional.of("gemini:U0lHMQ=="), Optional.empty()),
        new StreamEvent.ToolCallStart(0, 0, "call_a", "weather"),
        new StreamEvent.ToolCallStart(0, 1, "call_b", "weather"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, 1, "{\"city\":\"Rome\"}"),
        new StreamEvent.ToolCallDelta(0, 0, "\"Paris\"}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.End()));
    JsonNode array = json(body);
    assertThat(array.size()).isEqualTo(2);
    List<Part> thought = parts(sdk(bytes(array.get(0))));
    assertThat(thought).singleElement().satisfies(p -> {
      assertThat(p.thought()).contains(true);
      assertThat(p.text()).contains("Two cities.");
      assertThat(p.thoughtSignature()).isEmpty();
    });
    GenerateContentResponse last = sdk(bytes(array.get(1)));
    List<Part> calls = parts(last);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).functionCall().orElseThrow().id()).contains("call_a");
    assertThat(calls.get(0).functionCall().orElseThrow().args()).contains(Map.of("city", "Paris"));
    assertThat(calls.get(0).thoughtSignature()).hasValueSatisfying(
        s -> assertThat(s).isEqualTo(Base64.getDecoder().decode("U0lHMQ==")));
    assertThat(calls.get(1).functionCall().orElseThrow().id()).contains("call_b");
    assertThat(calls.get(1).functionCall().orElseThrow().args()).contains(Map.of("city", "Rome"));
    assertThat(calls.get(1).thoughtSignature()).isEmpty();
    assertThat(last.candidates().orElseThrow().getFirst().finishReason().orElseThrow().toString()).isEqualTo("STOP");
    assertThat(last.usageMetadata()).isEmpty();
  }

  @Test
  void aCallEndsWhenItsCandidateMovesOnAndALeftoverSignatureRidesAnEmptyTextPart() {
    byte[] body = encode(SSE, List.of(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.ToolCallStart(0, 0, "call_a", "now"),
        new StreamEvent.TextDelta(0, "Calling."),
        new StreamEvent.ReasoningSignature(0, Optional.of("U0lHMg=="), Optional.empty()),
        new StreamEvent.ReasoningSignature(0, Optional.empty(), Optional.of("encrypted-elsewhere")),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.End()));
    List<byte[]> chunks = chunks(body);
    assertThat(chunks).hasSize(2);
    List<Part> first = parts(sdk(chunks.get(0)));
    assertThat(first.get(0).functionCall().orElseThrow().args()).contains(Map.of());
    assertThat(first.get(1).text()).contains("Calling.");
    List<Part> last = parts(sdk(chunks.get(1)));
    assertThat(last).singleElement().satisfies(p -> {
      assertThat(p.text()).contains("");
      assertThat(p.thoughtSignature()).isPresent();
    });
  }

  @ParameterizedTest
  @EnumSource(GeminiStreamEncoder.Framing.class)
  void aFailureIsGooglesErrorObjectAndEndsTheStream(GeminiStreamEncoder.Framing framing) {
    byte[] body = encode(framing, List.of(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.TextDelta(0, "Hel"),
        new StreamEvent.Failure(429, "rate_limit_error", "Slow down."),
        new StreamEvent.TextDelta(0, "lo"),
        new StreamEvent.End()));
    List<byte[]> chunks = chunks(body);
    assertThat(chunks).hasSize(2);
    assertThat(json(chunks.get(1))).isEqualTo(json(
        "{\"error\":{\"code\":429,\"message\":\"Slow down.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    List<StreamEvent> decoded = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder(decoded::add);
    chunks.forEach(decoder::accept);
    assertThat(decoded.getLast()).isEqualTo(new StreamEvent.Failure(429, "RESOURCE_EXHAUSTED", "Slow down."));
  }

  @Test
  void argumentsThatAreNoJsonObjectFailTheStream() {
    byte[] body = encode(ARRAY, List.of(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.ToolCallStart(0, 0, "call_a", "f"),
        new StreamEvent.ToolCallDelta(0, 0, "[1, 2"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.End()));
    JsonNode array = json(body);
    assertThat(array.size()).isEqualTo(1);
    assertThat(array.get(0).path("error").path("code").asInt()).isEqualTo(502);
  }

  @Test
  void twoCandidatesKeepTheirOwnStateAndIndexAndFinishTogether() {
    List<StreamEvent> events = List.of(
        new StreamEvent.Start("r", "m", Optional.empty()),
        new StreamEvent.TextDelta(0, "A"),
        new StreamEvent.ReasoningSignature(1, Optional.of("gemini:U0lH"), Optional.empty()),
        new StreamEvent.TextDelta(1, "B"),
        new StreamEvent.ToolCallStart(1, 0, "call_1", "f"),
        new StreamEvent.ToolCallDelta(1, 0, "{}"),
        new StreamEvent.Finish(0, FinishReason.STOP, Optional.empty()),
        new StreamEvent.Finish(1, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(3, 0, 0, 4, 0)),
        new StreamEvent.End());
    byte[] body = encode(SSE, events);
    List<byte[]> chunks = chunks(body);
    assertThat(chunks).hasSize(3);
    assertThat(sdk(chunks.get(1)).candidates().orElseThrow().getFirst().index()).contains(1);
    GenerateContentResponse last = sdk(chunks.get(2));
    assertThat(last.candidates().orElseThrow()).extracting(c -> c.index().orElseThrow()).containsExactly(0, 1);
    assertThat(decode(body)).isEqualTo(List.of(
        new StreamEvent.Start("r", "client-model", Optional.empty()),
        new StreamEvent.TextDelta(0, "A"),
        new StreamEvent.ReasoningSignature(1, Optional.of("gemini:U0lH"), Optional.empty()),
        new StreamEvent.TextDelta(1, "B"),
        new StreamEvent.ToolCallStart(1, 0, "call_1", "f"),
        new StreamEvent.ToolCallDelta(1, 0, "{}"),
        new StreamEvent.Finish(0, FinishReason.STOP, Optional.empty()),
        new StreamEvent.Finish(1, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(3, 0, 0, 4, 0)),
        new StreamEvent.End()));
  }

  private static List<Part> parts(GenerateContentResponse response) {
    return response.candidates().orElseThrow().getFirst().content().orElseThrow().parts().orElseThrow();
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
