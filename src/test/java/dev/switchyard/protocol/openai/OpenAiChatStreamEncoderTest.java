package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.ErrorObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.testing.OpenAiSpec;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiChatStreamEncoderTest {
  private static final Optional<String> NONE = Optional.empty();
  private static final Usage USAGE = new Usage(100, 80, 0, 20, 5);

  private final List<Buffer> out = new ArrayList<>();

  private List<String> encode(boolean includeUsage, StreamEvent... events) {
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder("claude-sonnet-4-6", 1_760_000_000L,
        includeUsage, out::add);
    for (StreamEvent event : events) {
      encoder.accept(event);
    }
    return ChunkStreams.data(out);
  }

  private static StreamEvent start() {
    return new StreamEvent.Start("msg_01", "claude-sonnet-4-6-20260101", Optional.empty());
  }

  private static StreamEvent finish(FinishReason reason) {
    return new StreamEvent.Finish(0, reason, NONE);
  }

  private static StreamEvent end() {
    return new StreamEvent.End();
  }

  private static JsonNode json(String data) {
    return CanonicalToOpenAiChatRequestTest.read(data.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTextStreamIsShapedExactlyLikeOpenAis() {
    List<String> data = encode(true, start(), new StreamEvent.TextDelta(0, "Hel"),
        new StreamEvent.TextDelta(0, "lo"), finish(FinishReason.STOP), new StreamEvent.UsageReport(USAGE), end());
    String head = "{\"id\":\"chatcmpl-msg_01\",\"object\":\"chat.completion.chunk\",\"created\":1760000000,"
        + "\"model\":\"claude-sonnet-4-6\",";
    assertThat(data).containsExactly(
        head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
        head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}],"
            + "\"usage\":null}",
        head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"logprobs\":null,\"finish_reason\":null}],"
            + "\"usage\":null}",
        head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}",
        head + "\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":80},\"completion_tokens_details\":{\"reasoning_tokens\":5}}}",
        "[DONE]");
    ChatCompletion completion = ChunkStreams.accumulate(data);
    assertThat(completion.choices().get(0).message().content()).contains("Hello");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(100);
  }

  @Test
  void withoutIncludeUsageThereIsNoUsageChunkAndNoUsageField() {
    List<String> data = encode(false, start(), new StreamEvent.TextDelta(0, "Hi"), finish(FinishReason.STOP),
        new StreamEvent.UsageReport(USAGE), end());
    assertThat(data).hasSize(4).last().isEqualTo("[DONE]");
    assertThat(data.subList(0, 3)).allSatisfy(d -> {
      assertThat(json(d).has("usage")).isFalse();
      assertThat(json(d).path("choices")).hasSize(1);
    });
  }

  @Test
  void inputUsageFromTheStartIsReportedWhenNothingLaterReplacesIt() {
    List<String> data = encode(true, new StreamEvent.Start("m", "x", Optional.of(USAGE)), finish(FinishReason.STOP),
        end());
    assertThat(ChunkStreams.accumulate(data).usage().orElseThrow().completionTokens()).isEqualTo(20);
  }

  @Test
  void toolCallArgumentsSplitAcrossManyDeltasArriveWhole() {
    String arguments = "{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\",\"days\":[1,2,3]}";
    List<StreamEvent> events = new ArrayList<>(List.of(start(),
        new StreamEvent.ToolCallStart(0, 0, "toolu_01", "get_weather")));
    for (int i = 0; i < arguments.length(); i += 3) {
      events.add(new StreamEvent.ToolCallDelta(0, 0, arguments.substring(i, Math.min(arguments.length(), i + 3))));
    }
    events.add(finish(FinishReason.TOOL_CALLS));
    events.add(end());
    List<String> data = encode(true, events.toArray(StreamEvent[]::new));
    // As OpenAI streams it: the role comes with the first delta of the call, and null content.
    assertThat(json(data.get(0)).path("choices").get(0).path("delta").toString()).isEqualTo(
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01\","
            + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}],"
            + "\"refusal\":null}");
    JsonNode later = json(data.get(1)).path("choices").get(0).path("delta").path("tool_calls").get(0);
    assertThat(later.toString()).isEqualTo("{\"index\":0,\"function\":{\"arguments\":\"{\\\"l\"}}");
    assertThat(data).hasSize(1 + (arguments.length() + 2) / 3 + 2);
    ChatCompletion completion = ChunkStreams.accumulate(data);
    assertThat(completion.choices().get(0).message().content()).isEmpty();
    assertThat(calls(completion)).containsExactly("toolu_01 get_weather " + arguments);
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
  }

  @Test
  void textAndAToolCallInOneStreamKeepBoth() {
    List<String> data = encode(true, start(), new StreamEvent.TextDelta(0, "Let me check "),
        new StreamEvent.TextDelta(0, "the weather."), new StreamEvent.ToolCallStart(0, 0, "toolu_1", "weather"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"city\":"), new StreamEvent.ToolCallDelta(0, 0, "\"Paris\"}"),
        finish(FinishReason.TOOL_CALLS), end());
    ChatCompletion completion = ChunkStreams.accumulate(data);
    assertThat(completion.choices().get(0).message().content()).contains("Let me check the weather.");
    assertThat(calls(completion)).containsExactly("toolu_1 weather {\"city\":\"Paris\"}");
  }

  @Test
  void parallelToolCallsAreKeptApartByIndexEvenWhenInterleaved() {
    List<String> data = encode(true, start(),
        new StreamEvent.ToolCallStart(0, 0, "call_a", "weather"),
        new StreamEvent.ToolCallStart(0, 1, "call_b", "time"),
        new StreamEvent.ToolCallDelta(0, 0, "{\"city\":"),
        new StreamEvent.ToolCallDelta(0, 1, "{\"zone\":"),
        new StreamEvent.ToolCallDelta(0, 1, "\"CET\"}"),
        new StreamEvent.ToolCallDelta(0, 0, "\"Oslo\"}"),
        new StreamEvent.ToolCallStart(0, 2, "call_c", "news"),
        new StreamEvent.ToolCallDelta(0, 2, "{}"),
        finish(FinishReason.TOOL_CALLS), end());
    assertThat(calls(ChunkStreams.accumulate(data))).containsExactly(
        "call_a weather {\"city\":\"Oslo\"}", "call_b time {\"zone\":\"CET\"}", "call_c news {}");
  }

  @Test
  void aCallWithoutArgumentsGetsAnEmptyObject() {
    List<String> data = encode(true, start(), new StreamEvent.ToolCallStart(0, 0, "toolu_1", "now"),
        new StreamEvent.ToolCallDelta(0, 0, ""), new StreamEvent.ToolCallStart(0, 1, "toolu_2", "today"),
        finish(FinishReason.TOOL_CALLS), end());
    assertThat(calls(ChunkStreams.accumulate(data))).containsExactly("toolu_1 now {}", "toolu_2 today {}");
  }

  @Test
  void reasoningStreamsApartFromTheContentAndEachSignedBlockArrivesWhole() {
    List<String> data = encode(true, start(), new StreamEvent.ReasoningDelta(0, "Let me "),
        new StreamEvent.ReasoningDelta(0, "think."), new StreamEvent.ReasoningSignature(0, Optional.of("sig-1"), NONE),
        new StreamEvent.ReasoningSignature(0, NONE, Optional.of("redacted-2")),
        new StreamEvent.TextDelta(0, "Answer."), finish(FinishReason.STOP), end());
    assertThat(data.subList(1, 3)).extracting(d -> json(d).path("choices").get(0).path("delta").toString())
        .containsExactly("{\"reasoning_content\":\"Let me \"}", "{\"reasoning_content\":\"think.\"}");
    assertThat(json(data.get(3)).path("choices").get(0).path("delta").toString()).isEqualTo(
        "{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"sig-1\"}]}");
    assertThat(json(data.get(4)).path("choices").get(0).path("delta").toString()).isEqualTo(
        "{\"thinking_blocks\":[{\"type\":\"redacted_thinking\",\"data\":\"redacted-2\"}]}");
    assertThat(ChunkStreams.accumulate(data).choices().get(0).message().content()).contains("Answer.");
  }

  @Test
  void aFailureBecomesAnErrorEventTheSdkReadsAndEndsTheStream() {
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder("m", 1L, true, out::add);
    encoder.accept(start());
    encoder.accept(new StreamEvent.TextDelta(0, "partial"));
    encoder.accept(new StreamEvent.Failure(529, "overloaded_error", "Overloaded"));
    encoder.accept(new StreamEvent.TextDelta(0, "ignored"));
    encoder.accept(end());
    assertThat(encoder.isFinished()).isTrue();
    List<String> data = ChunkStreams.data(out);
    assertThat(data).hasSize(3);
    JsonNode error = json(data.get(2)).path("error");
    ErrorObject sdkError = OpenAiSpec.readAs(error.toString().getBytes(StandardCharsets.UTF_8), ErrorObject.class)
        .validate();
    assertThat(sdkError.message()).isEqualTo("Overloaded");
    assertThat(sdkError.type()).isEqualTo("overloaded_error");
  }

  @Test
  void everyCandidateGetsItsOwnRoleChunkAndFinish() {
    List<String> data = encode(true, start(), new StreamEvent.TextDelta(0, "a"), new StreamEvent.TextDelta(1, "b"),
        new StreamEvent.Finish(0, FinishReason.STOP, NONE), new StreamEvent.Finish(1, FinishReason.LENGTH, NONE),
        end());
    ChatCompletion completion = ChunkStreams.accumulate(data);
    assertThat(completion.choices()).extracting(c -> c.index() + ":" + c.message().content().orElseThrow() + ":"
        + c.finishReason().asString()).containsExactly("0:a:stop", "1:b:length");
  }

  @Test
  void everyChunkParsesWithTheSdksType() {
    List<String> data = encode(true, start(), new StreamEvent.ReasoningDelta(0, "r"),
        new StreamEvent.ReasoningSignature(0, Optional.of("s"), NONE), new StreamEvent.TextDelta(0, "t"),
        new StreamEvent.ToolCallStart(0, 0, "c", "f"), new StreamEvent.ToolCallDelta(0, 0, "{}"),
        finish(FinishReason.TOOL_CALLS), new StreamEvent.UsageReport(USAGE), end());
    for (String d : data.subList(0, data.size() - 1)) {
      ChatCompletionChunk chunk = ChunkStreams.chunk(d);
      assertThat(chunk.id()).isEqualTo("chatcmpl-msg_01");
      assertThat(chunk.model()).isEqualTo("claude-sonnet-4-6");
    }
  }

  private static List<String> calls(ChatCompletion completion) {
    return completion.choices().get(0).message().toolCalls().orElse(List.of()).stream()
        .map(ChatCompletionMessageToolCall::asFunction)
        .map(c -> c.id() + " " + c.function().name() + " " + c.function().arguments())
        .toList();
  }
}
