package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatStreamDecoderTest {
  private static final Optional<String> NONE = Optional.empty();

  private final List<StreamEvent> events = new ArrayList<>();
  private final OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder(events::add);

  private List<StreamEvent> decode(String... data) {
    for (String d : data) {
      decoder.accept(SseEvent.of("data: " + d + "\n\n"));
    }
    return events;
  }

  /** A chunk with one choice holding this delta (JSON members) and finish reason (JSON value). */
  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\","
        + "\"choices\":[{\"index\":0,\"delta\":{" + delta + "},\"finish_reason\":" + finishReason + "}]}";
  }

  private static String delta(String delta) {
    return chunk(delta, "null");
  }

  @Test
  void aRecordedToolCallStreamBecomesStartCallFragmentsFinishUsageAndEnd() {
    byte[] sse = Fixtures.load("openai", "chat-tool-call-stream").first().response().body();
    ChunkStreams.events(sse).forEach(decoder::accept);
    assertThat(events).containsExactly(
        new StreamEvent.Start("chatcmpl-Dx0XpqH8w09uBXwq1zFGYdETjtnEl", "gpt-4o-mini-2024-07-18", Optional.empty()),
        new StreamEvent.ToolCallStart(0, 0, "call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital"),
        new StreamEvent.ToolCallDelta(0, 0, "{\""),
        new StreamEvent.ToolCallDelta(0, 0, "country"),
        new StreamEvent.ToolCallDelta(0, 0, "\":\""),
        new StreamEvent.ToolCallDelta(0, 0, "UK"),
        new StreamEvent.ToolCallDelta(0, 0, "\"}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, NONE),
        new StreamEvent.UsageReport(new Usage(53, 0, 0, 15, 0)),
        new StreamEvent.End());
  }

  @Test
  void aRecordedTextStreamBecomesTextDeltas() {
    byte[] sse = Fixtures.load("openai", "chat-text-stream-usage").first().response().body();
    ChunkStreams.events(sse).forEach(decoder::accept);
    StringBuilder text = new StringBuilder();
    events.stream().filter(e -> e instanceof StreamEvent.TextDelta)
        .forEach(e -> text.append(((StreamEvent.TextDelta) e).text()));
    assertThat(text).hasToString("The result of \\( 1231 \\times 2331 \\) is \\( 2,869,461 \\).");
    assertThat(events.subList(events.size() - 3, events.size())).containsExactly(
        new StreamEvent.Finish(0, FinishReason.STOP, NONE),
        new StreamEvent.UsageReport(new Usage(87, 0, 0, 26, 0)),
        new StreamEvent.End());
  }

  @Test
  void reasoningFieldsOfEveryDialectBecomeReasoningAndSignaturesCloseBlocks() {
    decode(delta("\"role\":\"assistant\",\"content\":\"\""),
        delta("\"reasoning_content\":\"a\""),
        delta("\"reasoning\":\"b\""),
        delta("\"reasoning_content\":\"c\",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"c\"}]"),
        delta("\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"abc\",\"signature\":\"sig\"}]"),
        delta("\"reasoning\":\"\",\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"enc\"}]"),
        delta("\"content\":\"done\""));
    assertThat(events.subList(1, events.size())).containsExactly(
        new StreamEvent.ReasoningDelta(0, "a"),
        new StreamEvent.ReasoningDelta(0, "b"),
        new StreamEvent.ReasoningDelta(0, "c"),
        new StreamEvent.ReasoningSignature(0, Optional.of("sig"), NONE),
        new StreamEvent.ReasoningSignature(0, NONE, Optional.of("enc")),
        new StreamEvent.TextDelta(0, "done"));
  }

  @Test
  void aRefusalStreamsAsText() {
    decode(delta("\"refusal\":\"I can't\""), chunk("", "\"content_filter\""));
    assertThat(events.subList(1, events.size())).containsExactly(new StreamEvent.TextDelta(0, "I can't"),
        new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER, NONE));
  }

  @Test
  void parallelCallsAndAWholeCallInOneDeltaAreKeptApartByIndex() {
    decode(delta("\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\","
            + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}},"
            + "{\"index\":1,\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]"),
        delta("\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\":1}\"}}]"),
        chunk("", "\"tool_calls\""));
    assertThat(events.subList(1, events.size())).containsExactly(
        new StreamEvent.ToolCallStart(0, 0, "a", "f"),
        new StreamEvent.ToolCallStart(0, 1, "b", "g"),
        new StreamEvent.ToolCallDelta(0, 1, "{}"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"x\":1}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, NONE));
  }

  @Test
  void aLegacyFunctionCallBecomesToolCallZero() {
    decode(delta("\"function_call\":{\"name\":\"f\",\"arguments\":\"\"}"),
        delta("\"function_call\":{\"arguments\":\"{}\"}"), chunk("", "\"function_call\""));
    assertThat(events.subList(1, events.size())).containsExactly(
        new StreamEvent.ToolCallStart(0, 0, "call_0_0", "f"),
        new StreamEvent.ToolCallDelta(0, 0, "{}"),
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS, NONE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}} | 500 | server_error",
      "{\"error\":{\"message\":\"Slow down\",\"type\":\"rate_limit_error\"}} | 429 | rate_limit_error",
      "{\"error\":{\"message\":\"Bad\",\"type\":\"invalid_request_error\",\"code\":\"x\"}} | 400 | invalid_request_error",
      "{\"error\":{\"message\":\"Upstream down\",\"code\":502}} | 502 | upstream_error"})
  void anErrorEventFailsTheStreamWithItsStatus(String error, int status, String type) {
    decode(delta("\"content\":\"partial\""), error, delta("\"content\":\"ignored\""), "[DONE]");
    assertThat(events).hasSize(3);
    StreamEvent.Failure failure = (StreamEvent.Failure) events.get(2);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.type()).isEqualTo(type);
  }

  @Test
  void commentsAndKeepAlivesAreSkippedAndNothingFollowsTheEnd() {
    decoder.accept(SseEvent.of(": OPENROUTER PROCESSING\n\n"));
    decode(delta("\"content\":\"hi\""), chunk("", "\"stop\""), "[DONE]", delta("\"content\":\"late\""));
    decoder.finish();
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Start", "TextDelta", "Finish", "End");
  }

  @Test
  void aStreamThatFinishedWithoutDoneEndsNormally() {
    decode(delta("\"content\":\"hi\""), chunk("", "\"stop\""));
    decoder.finish();
    assertThat(events).last().isEqualTo(new StreamEvent.End());
  }

  @Test
  void aStreamCutOffBeforeItsFinishFails() {
    decode(delta("\"content\":\"hi\""));
    decoder.finish();
    assertThat(events).last().isInstanceOfSatisfying(StreamEvent.Failure.class,
        f -> assertThat(f.status()).isEqualTo(502));
  }

  @Test
  void anEventThatIsNotJsonFails() {
    decode("{not json");
    assertThat(events).singleElement().isInstanceOf(StreamEvent.Failure.class);
  }

  @Test
  void onlyTheLastUsageIsReportedJustBeforeTheEnd() {
    decode(delta("\"content\":\"hi\"").replace("]}", "],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}"),
        chunk("", "\"stop\"").replace("]}", "],\"x_groq\":{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}}"),
        "[DONE]");
    assertThat(events.subList(2, events.size())).containsExactly(
        new StreamEvent.Finish(0, FinishReason.STOP, NONE),
        new StreamEvent.UsageReport(new Usage(5, 0, 0, 2, 0)),
        new StreamEvent.End());
  }
}
