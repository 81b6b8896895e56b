package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.SDK;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.decode;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.fixture;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.payloads;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.sdkEvent;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.sseEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicStreamEncoderTest {
  static Stream<Arguments> recordedStreams() {
    return Stream.of(
        Arguments.of("messages-text-stream", 0), Arguments.of("messages-structured-output-stream", 0),
        Arguments.of("messages-thinking-tool-use-stream", 0), Arguments.of("messages-thinking-tool-use-stream", 1),
        Arguments.of("messages-tool-use-parallel-stream", 0), Arguments.of("messages-tool-use-parallel-stream", 1),
        Arguments.of("messages-tool-use-stream-args", 0));
  }

  private static byte[] encode(String model, List<StreamEvent> events) {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(model);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    events.forEach(event -> out.writeBytes(encoder.encode(event)));
    return out.toByteArray();
  }

  /** Decoded and encoded again, a recorded stream is the same sequence of Anthropic events. */
  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedStreams")
  void decodingThenEncodingReproducesTheRecordedEventSequence(String name, int exchange) {
    byte[] recorded = fixture(name).exchange(exchange).response().body();
    List<StreamEvent> canonical = decode(recorded);
    String model = ((StreamEvent.Start) canonical.get(0)).model();
    byte[] encoded = encode(model, canonical);
    assertThat(describe(payloads(encoded))).isEqualTo(describe(payloads(recorded)));
    for (SseEvent event : sseEvents(encoded)) {
      assertThat(event.type()).isEqualTo(json(event.data()).path("type").asText());
    }
  }

  /** The SDK's own accumulator builds the same message from the encoded stream as from the recorded one. */
  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedStreams")
  void theSdkAccumulatesTheSameMessageFromTheEncodedStream(String name, int exchange) throws Exception {
    byte[] recorded = fixture(name).exchange(exchange).response().body();
    List<StreamEvent> canonical = decode(recorded);
    byte[] encoded = encode(((StreamEvent.Start) canonical.get(0)).model(), canonical);
    Message expected = accumulate(recorded);
    Message actual = accumulate(encoded);
    JsonNode expectedJson = json(SDK.writeValueAsBytes(expected.content()));
    JsonNode actualJson = json(SDK.writeValueAsBytes(actual.content()));
    assertThat(withoutCallers(actualJson)).isEqualTo(withoutCallers(expectedJson));
    assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
    assertThat(actual.usage().outputTokens()).isEqualTo(expected.usage().outputTokens());
    assertThat(actual.usage().inputTokens()).isEqualTo(expected.usage().inputTokens());
    assertThat(actual.id()).isEqualTo(expected.id());
  }

  private static JsonNode withoutCallers(JsonNode content) {
    content.forEach(block -> ((com.fasterxml.jackson.databind.node.ObjectNode) block).remove("caller"));
    return content;
  }

  private static Message accumulate(byte[] stream) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    for (byte[] payload : payloads(stream)) {
      String type = json(payload).path("type").asText();
      if (!type.equals("ping")) {
        accumulator.accumulate(sdkEvent(new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return accumulator.message();
  }

  @Test
  void aStreamFromAnotherProviderBecomesAnthropicsExactSequence() {
    List<StreamEvent> events = List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-x", Optional.empty()),
        new StreamEvent.ReasoningDelta(0, "Let me "),
        new StreamEvent.ReasoningDelta(0, "think."),
        new StreamEvent.TextDelta(0, "Sure, "),
        new StreamEvent.TextDelta(0, "checking."),
        new StreamEvent.ToolCallStart(0, 0, "call_a", "weather"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, 0, "\"Paris\"}"),
        new StreamEvent.ToolCallStart(0, 1, "call_b", "weather"),
        new StreamEvent.ToolCallDelta(0, 1, "{\"city\":\"Rome\"}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(120, 100, 0, 30, 12)),
        new StreamEvent.End());
    byte[] encoded = encode("claude-sonnet-4-5", events);
    assertThat(describe(payloads(encoded))).containsExactly(
        "message_start msg_chatcmpl-1 claude-sonnet-4-5 usage 0/0/0/0",
        "start 0 thinking", "thinking 0 Let me ", "thinking 0 think.", "stop 0",
        "start 1 text", "text 1 Sure, ", "text 1 checking.", "stop 1",
        "start 2 tool_use call_a weather", "input 2 {\"city\":\"Paris\"}", "stop 2",
        "start 3 tool_use call_b weather", "input 3 {\"city\":\"Rome\"}", "stop 3",
        "message_delta tool_use null usage 20/0/100/30 thinking 12",
        "message_stop");
    for (byte[] payload : payloads(encoded)) {
      sdkEvent(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }
    Message message = accumulate(encoded);
    assertThat(message.content()).hasSize(4);
    assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Let me think.");
    assertThat(message.content().get(1).asText().text()).isEqualTo("Sure, checking.");
    assertThat(message.content().get(3).asToolUse()._input().toString()).contains("Rome");
  }

  @Test
  void signaturesCloseThinkingBlocksAndRedactedThinkingIsItsOwnBlock() {
    byte[] encoded = encode("claude-x", List.of(
        new StreamEvent.Start("msg_1", "claude-x", Optional.of(new Usage(10, 0, 0, 1, 0))),
        new StreamEvent.ReasoningDelta(0, "first"),
        new StreamEvent.ReasoningSignature(0, Optional.of("sig-1"), Optional.empty()),
        new StreamEvent.ReasoningDelta(0, "second"),
        new StreamEvent.ReasoningSignature(0, Optional.of("sig-2"), Optional.empty()),
        new StreamEvent.ReasoningSignature(0, Optional.empty(), Optional.of("opaque")),
        new StreamEvent.TextDelta(0, "Done"),
        new StreamEvent.Finish(0, FinishReason.STOP_SEQUENCE, Optional.of("END")),
        new StreamEvent.End()));
    assertThat(describe(payloads(encoded))).containsExactly(
        "message_start msg_1 claude-x usage 10/0/0/1",
        "start 0 thinking", "thinking 0 first", "signature 0 sig-1", "stop 0",
        "start 1 thinking", "thinking 1 second", "signature 1 sig-2", "stop 1",
        "start 2 redacted opaque", "stop 2",
        "start 3 text", "text 3 Done", "stop 3",
        "message_delta stop_sequence END usage 10/0/0/1",
        "message_stop");
    assertThat(decode(encoded)).filteredOn(e -> e instanceof StreamEvent.ReasoningSignature).hasSize(3);
  }

  @Test
  void aFailureBecomesAnErrorEventThatEndsTheStream() throws Exception {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("claude-x");
    encoder.encode(new StreamEvent.Start("msg_1", "m", Optional.empty()));
    encoder.encode(new StreamEvent.TextDelta(0, "partial"));
    byte[] error = encoder.encode(new StreamEvent.Failure(503, "overloaded_error", "Overloaded"));
    List<SseEvent> events = sseEvents(error);
    assertThat(events).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("error"));
    ErrorResponse sdk = SDK.readValue(events.get(0).data(), ErrorResponse.class).validate();
    assertThat(sdk.error().isOverloadedError()).isTrue();
    assertThat(sdk.error().message()).isEqualTo("Overloaded");
    assertThat(encoder.encode(new StreamEvent.End())).isEmpty();
    byte[] typeless = new AnthropicStreamEncoder("c").encode(new StreamEvent.Failure(429, "", "slow down"));
    assertThat(json(sseEvents(typeless).get(0).data()).path("error").path("type").asText())
        .isEqualTo("rate_limit_error");
  }

  @Test
  void aStreamWithoutStartOrFinishStillHasAnthropicsFrame() {
    byte[] encoded = encode("claude-x", List.of(new StreamEvent.TextDelta(0, "hi"),
        new StreamEvent.TextDelta(1, "other candidate"), new StreamEvent.End()));
    assertThat(describe(payloads(encoded))).containsExactly(
        "message_start msg_switchyard claude-x usage 0/0/0/0", "start 0 text", "text 0 hi", "stop 0",
        "message_delta end_turn null usage 0/0/0/0", "message_stop");
  }

  @Test
  void canonicalEventsSurviveEncodingAndDecoding() {
    List<StreamEvent> events = List.of(
        new StreamEvent.Start("msg_9", "claude-x", Optional.of(new Usage(50, 40, 5, 1, 0))),
        new StreamEvent.ReasoningDelta(0, "a"),
        new StreamEvent.ReasoningSignature(0, Optional.of("s"), Optional.empty()),
        new StreamEvent.TextDelta(0, "b"),
        new StreamEvent.ToolCallStart(0, 0, "t1", "f"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"x\":"),
        new StreamEvent.ToolCallDelta(0, 0, "1}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(50, 40, 5, 20, 0)),
        new StreamEvent.End());
    assertThat(decode(encode("claude-x", events))).isEqualTo(events);
  }

  /**
   * Anthropic events in short, one line per meaningful step: pings and empty deltas left out, a
   * tool call's input fragments joined and parsed at its block's stop (no fragment means {}).
   */
  static List<String> describe(List<byte[]> payloads) {
    List<String> out = new ArrayList<>();
    Map<Integer, StringBuilder> inputs = new HashMap<>();
    for (byte[] payload : payloads) {
      JsonNode e = json(payload);
      int i = e.path("index").asInt();
      switch (e.path("type").asText()) {
        case "message_start" -> out.add("message_start " + e.path("message").path("id").asText() + " "
            + e.path("message").path("model").asText() + " " + usage(e.path("message").path("usage")));
        case "content_block_start" -> {
          JsonNode block = e.path("content_block");
          switch (block.path("type").asText()) {
            case "tool_use" -> {
              out.add("start " + i + " tool_use " + block.path("id").asText() + " " + block.path("name").asText());
              inputs.put(i, new StringBuilder());
            }
            case "redacted_thinking" -> out.add("start " + i + " redacted " + block.path("data").asText());
            default -> out.add("start " + i + " " + block.path("type").asText());
          }
        }
        case "content_block_delta" -> {
          JsonNode delta = e.path("delta");
          switch (delta.path("type").asText()) {
            case "text_delta" -> out.add("text " + i + " " + delta.path("text").asText());
            case "thinking_delta" -> {
              if (!delta.path("thinking").asText().isEmpty()) {
                out.add("thinking " + i + " " + delta.path("thinking").asText());
              }
            }
            case "signature_delta" -> out.add("signature " + i + " " + delta.path("signature").asText());
            case "input_json_delta" -> inputs.get(i).append(delta.path("partial_json").asText());
            default -> out.add("delta " + i + " " + delta);
          }
        }
        case "content_block_stop" -> {
          StringBuilder input = inputs.remove(i);
          if (input != null) {
            out.add("input " + i + " " + json(input.isEmpty() ? "{}" : input.toString()));
          }
          out.add("stop " + i);
        }
        case "message_delta" -> {
          long thinking = e.path("usage").path("output_tokens_details").path("thinking_tokens").asLong();
          out.add("message_delta " + e.path("delta").path("stop_reason").asText() + " "
              + e.path("delta").path("stop_sequence").asText() + " " + usage(e.path("usage"))
              + (thinking > 0 ? " thinking " + thinking : ""));
        }
        case "ping" -> { }
        default -> out.add(e.path("type").asText());
      }
    }
    return out;
  }

  private static String usage(JsonNode usage) {
    return "usage " + usage.path("input_tokens").asLong() + "/" + usage.path("cache_creation_input_tokens").asLong()
        + "/" + usage.path("cache_read_input_tokens").asLong() + "/" + usage.path("output_tokens").asLong();
  }
}
