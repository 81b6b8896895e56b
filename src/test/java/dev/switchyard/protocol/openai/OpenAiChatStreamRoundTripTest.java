package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every recorded OpenAI stream, decoded to canonical events and encoded again, tells an SDK user the same. */
class OpenAiChatStreamRoundTripTest {
  static Stream<ChatFixtures.Exchange> streams() {
    return ChatFixtures.streams();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void theSdkSeesTheSameAnswerAfterDecodingAndEncodingAgain(ChatFixtures.Exchange recorded) {
    List<SseEvent> original = ChunkStreams.events(recorded.exchange().response().body());
    boolean includeUsage = recorded.exchange().request().path("stream_options").path("include_usage").asBoolean();
    List<Buffer> out = new ArrayList<>();
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder("my-model", 1_700_000_000L, includeUsage, out::add);
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder(encoder::accept);
    original.forEach(decoder::accept);
    decoder.finish();
    assertThat(encoder.isFinished()).isTrue();

    ChatCompletion want = ChunkStreams.accumulate(original.stream().map(SseEvent::dataAsString).toList());
    List<String> encoded = ChunkStreams.data(out);
    assertThat(encoded).last().isEqualTo("[DONE]");
    ChatCompletion got = ChunkStreams.accumulate(encoded);
    assertThat(got.id()).isEqualTo(want.id());
    assertThat(got.model()).isEqualTo("my-model");
    assertThat(sdkView(got)).isEqualTo(sdkView(want));
    // Audio and predicted-output token counts have no canonical place; the rest must be the same.
    assertThat(got.usage().map(OpenAiChatStreamRoundTripTest::usageView))
        .isEqualTo(want.usage().map(OpenAiChatStreamRoundTripTest::usageView));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void everyReEncodedChunkHasTheChoicesOfTheRecordedOne(ChatFixtures.Exchange recorded) {
    List<SseEvent> original = ChunkStreams.events(recorded.exchange().response().body());
    List<Buffer> out = new ArrayList<>();
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder("m", 1L, true, out::add);
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder(encoder::accept);
    original.forEach(decoder::accept);
    List<String> encoded = ChunkStreams.data(out);
    assertThat(encoded).hasSameSizeAs(original);
    for (int i = 0; i < original.size() - 1; i++) {
      assertThat(choices(encoded.get(i))).as("chunk %d", i).isEqualTo(choices(original.get(i).dataAsString()));
    }
  }

  private static JsonNode choices(String chunk) {
    return CanonicalToOpenAiChatRequestTest.read(chunk.getBytes(StandardCharsets.UTF_8)).path("choices");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void theCanonicalEventsOfEveryRecordedStreamAreInTheCanonicalOrder(ChatFixtures.Exchange recorded) {
    List<StreamEvent> events = new ArrayList<>();
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder(events::add);
    ChunkStreams.events(recorded.exchange().response().body()).forEach(decoder::accept);
    decoder.finish();
    assertThat(events).first().isInstanceOf(StreamEvent.Start.class);
    assertThat(events).last().isInstanceOf(StreamEvent.End.class);
    int finish = indexOf(events, StreamEvent.Finish.class);
    assertThat(finish).isPositive();
    assertThat(events.subList(finish + 1, events.size() - 1))
        .allSatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.UsageReport.class)).hasSizeLessThanOrEqualTo(1);
  }

  private static int indexOf(List<StreamEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** What an application reads from a completion: per choice its text, tool calls and finish reason. */
  private static List<String> sdkView(ChatCompletion completion) {
    return completion.choices().stream().map(choice -> choice.index() + "|"
        + choice.message().content().orElse("<null>") + "|"
        + choice.message().toolCalls().orElse(List.of()).stream()
            .map(ChatCompletionMessageToolCall::asFunction)
            .map(c -> c.id() + " " + c.function().name() + " " + c.function().arguments()).toList()
        + "|" + choice.finishReason().asString()).toList();
  }

  static String usageView(CompletionUsage usage) {
    return usage.promptTokens() + "/" + usage.completionTokens() + "/" + usage.totalTokens() + "/"
        + usage.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L) + "/"
        + usage.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
  }
}
