package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.decode;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.fixture;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicStreamDecoderTest {
  /**
   * Every recorded stream: its text, each tool call's arguments (as JSON), the reasoning tokens,
   * input and output tokens, and the finish.
   */
  static Stream<Arguments> recordedStreams() {
    return Stream.of(
        Arguments.of("messages-text-stream", 0, "- Captain\n- Scoop", List.of(), new Usage(17, 0, 0, 10, 0),
            FinishReason.STOP),
        Arguments.of("messages-structured-output-stream", 0, null, List.of(), new Usage(230, 0, 0, 94, 0),
            FinishReason.STOP),
        Arguments.of("messages-thinking-tool-use-stream", 0, "", List.of("{}"), new Usage(598, 0, 0, 92, 53),
            FinishReason.TOOL_CALLS),
        Arguments.of("messages-thinking-tool-use-stream", 1, null, List.of(), new Usage(707, 0, 0, 89, 0),
            FinishReason.STOP),
        Arguments.of("messages-tool-use-parallel-stream", 0, "", List.of("{}", "{}"), new Usage(542, 0, 0, 62, 0),
            FinishReason.TOOL_CALLS),
        Arguments.of("messages-tool-use-parallel-stream", 1, null, List.of(), new Usage(678, 0, 0, 82, 0),
            FinishReason.STOP),
        Arguments.of("messages-tool-use-stream-args", 0, "",
            List.of("{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]}"),
            new Usage(849, 0, 0, 47, 0), FinishReason.TOOL_CALLS));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedStreams")
  void recordedStreamsDecodeToTextToolCallsUsageAndFinish(String name, int exchange, String text,
      List<String> arguments, Usage usage, FinishReason finish) {
    List<StreamEvent> events = decode(fixture(name).exchange(exchange).response().body());
    StreamedAnswer answer = StreamedAnswer.of(events);
    if (text != null) {
      assertThat(answer.text()).isEqualTo(text);
    }
    assertThat(answer.calls()).hasSameSizeAs(arguments);
    for (int i = 0; i < arguments.size(); i++) {
      assertThat(json(answer.calls().get(i).arguments())).as("call %d", i).isEqualTo(json(arguments.get(i)));
    }
    assertThat(answer.usage()).isEqualTo(usage);
    assertThat(answer.finish()).isEqualTo(finish);
    assertThat(events.get(0)).isInstanceOf(StreamEvent.Start.class);
    assertThat(events.subList(events.size() - 3, events.size())).extracting(e -> (Object) e.getClass())
        .containsExactly(StreamEvent.Finish.class, StreamEvent.UsageReport.class, StreamEvent.End.class);
  }

  @Test
  void structuredOutputStreamsAsTextThatIsTheJson() {
    StreamedAnswer answer = StreamedAnswer.of(decode(fixture("messages-structured-output-stream").first()
        .response().body()));
    JsonNode dog = json(answer.text());
    assertThat(dog.path("name").asText()).isEqualTo("Biscuit");
    assertThat(dog.path("age").asInt()).isEqualTo(4);
  }

  /** The turn a client streamed comes back in its next request: the stream must rebuild it exactly. */
  @ParameterizedTest
  @MethodSource("streamedTurnsSentBack")
  void aStreamedTurnRebuildsTheAssistantTurnTheClientSentBack(String name) {
    StreamedAnswer answer = StreamedAnswer.of(decode(fixture(name).exchange(0).response().body()));
    List<Item> sentBack = AnthropicToCanonical.request(JsonTrees.bytes(fixture(name).exchange(1).request()))
        .items().stream().filter(i -> i instanceof Item.Reasoning || i instanceof Item.ToolCall).toList();
    assertThat(answer.items()).isEqualTo(sentBack);
  }

  static Stream<String> streamedTurnsSentBack() {
    return Stream.of("messages-thinking-tool-use-stream", "messages-tool-use-parallel-stream");
  }

  @Test
  void recordedThinkingStreamsReasoningThenItsSignature() {
    List<StreamEvent> events = decode(fixture("messages-thinking-tool-use-stream").first().response().body());
    assertThat(events).filteredOn(e -> e instanceof StreamEvent.ReasoningSignature).singleElement()
        .satisfies(e -> assertThat(((StreamEvent.ReasoningSignature) e).signature().orElseThrow())
            .startsWith("EoQDCm0IDhgC"));
    assertThat(events.get(0)).isEqualTo(new StreamEvent.Start("msg_01JdU4xqNHXL9QCFWkwCDKGr",
        "claude-haiku-4-5-20251001", Optional.of(new Usage(598, 0, 0, 8, 0))));
  }

  @Test
  void parallelCallsSplitArgumentsAndTextInOneMessageKeepTheirOwnIndexes() {
    List<StreamEvent> events = decodeLines("""
        {"type":"message_start","message":{"id":"msg_1","model":"claude-x","usage":{"input_tokens":10,"cache_read_input_tokens":90,"cache_creation_input_tokens":5,"output_tokens":1}}}
        {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}
        {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking both."}}
        {"type":"content_block_stop","index":0}
        {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"weather","input":{}}}
        {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}
        {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"ci"}}
        {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ty\\": \\"Par"}}
        {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\\"}"}}
        {"type":"content_block_stop","index":1}
        {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"weather","input":{}}}
        {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}
        {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":" \\"Rome\\"}"}}
        {"type":"content_block_stop","index":2}
        {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_c","name":"now","input":{}}}
        {"type":"content_block_stop","index":3}
        {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":60}}
        {"type":"message_stop"}""");
    assertThat(events).containsExactly(
        new StreamEvent.Start("msg_1", "claude-x", Optional.of(new Usage(105, 90, 5, 1, 0))),
        new StreamEvent.TextDelta(0, "Checking both."),
        new StreamEvent.ToolCallStart(0, 0, "toolu_a", "weather"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"ci"),
        new StreamEvent.ToolCallDelta(0, 0, "ty\": \"Par"),
        new StreamEvent.ToolCallDelta(0, 0, "is\"}"),
        new StreamEvent.ToolCallStart(0, 1, "toolu_b", "weather"),
        new StreamEvent.ToolCallDelta(0, 1, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, 1, " \"Rome\"}"),
        new StreamEvent.ToolCallStart(0, 2, "toolu_c", "now"),
        new StreamEvent.ToolCallDelta(0, 2, "{}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, Optional.empty()),
        new StreamEvent.UsageReport(new Usage(105, 90, 5, 60, 0)),
        new StreamEvent.End());
  }

  @Test
  void redactedThinkingStopSequencesAndInputAtBlockStartAreCarried() {
    List<StreamEvent> events = decodeLines("""
        {"type":"message_start","message":{"id":"msg_2","model":"claude-x","usage":{"input_tokens":3,"output_tokens":1}}}
        {"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwK"}}
        {"type":"content_block_stop","index":0}
        {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f","input":{"a":1}}}
        {"type":"content_block_stop","index":1}
        {"type":"content_block_start","index":2,"content_block":{"type":"text","text":"Hi"}}
        {"type":"content_block_delta","index":2,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}
        {"type":"content_block_stop","index":2}
        {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"END"},"usage":{"input_tokens":4,"output_tokens":9}}
        {"type":"message_stop"}""");
    assertThat(events).containsExactly(
        new StreamEvent.Start("msg_2", "claude-x", Optional.of(new Usage(3, 0, 0, 1, 0))),
        new StreamEvent.ReasoningSignature(0, Optional.empty(), Optional.of("EmwK")),
        new StreamEvent.ToolCallStart(0, 0, "t", "f"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"a\":1}"),
        new StreamEvent.TextDelta(0, "Hi"),
        new StreamEvent.Finish(0, FinishReason.STOP_SEQUENCE, Optional.of("END")),
        new StreamEvent.UsageReport(new Usage(4, 0, 0, 9, 0)),
        new StreamEvent.End());
  }

  @Test
  void anErrorEventBecomesAFailureAndEndsTheStream() {
    List<StreamEvent> events = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add);
    decoder.accept(SseEvent.of("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
        + "{\"id\":\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"));
    decoder.accept(SseEvent.of("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
    decoder.accept(SseEvent.of("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}\n\n"));
    decoder.accept(SseEvent.of("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).isEqualTo(new StreamEvent.Failure(503, "overloaded_error", "Overloaded"));
    assertThat(decoder.ended()).isTrue();
  }

  @Test
  void pingsAndUnknownEventsAreIgnoredAndACutStreamHasNotEnded() {
    List<StreamEvent> events = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add);
    decoder.accept(utf8("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}"));
    decoder.accept(utf8("{\"type\": \"ping\"}"));
    decoder.accept(utf8("{\"type\":\"message_annotation\",\"x\":1}"));
    decoder.accept(utf8("{\"type\":\"content_block_delta\",\"index\":5,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"));
    assertThat(events).containsExactly(new StreamEvent.Start("m", "c", Optional.empty()));
    assertThat(decoder.ended()).isFalse();
  }

  @Test
  void unknownBlocksAndBrokenJsonBecomeFailures() {
    List<StreamEvent> events = decodeLines("""
        {"type":"message_start","message":{"id":"m","model":"c"}}
        {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"s","name":"web_search"}}
        {"type":"message_stop"}""");
    assertThat(events.get(1)).isInstanceOfSatisfying(StreamEvent.Failure.class,
        f -> assertThat(f.message()).contains("'server_tool_use'"));
    assertThat(events).hasSize(2);
    List<StreamEvent> broken = new ArrayList<>();
    new AnthropicStreamDecoder(broken::add).accept(utf8("{\"type\":"));
    assertThat(broken).singleElement().isInstanceOf(StreamEvent.Failure.class);
  }

  private static List<StreamEvent> decodeLines(String lines) {
    List<StreamEvent> events = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add);
    lines.lines().forEach(line -> decoder.accept(utf8(line)));
    return events;
  }
}
