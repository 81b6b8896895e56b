package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.SharedFixtures;
import dev.switchyard.canonical.Usage;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiUsageTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whole response bodies and the usage they report; shared with the incremental scanner's test. */
  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("chat-text.json", SharedFixtures.responseBody("openai/chat-text.json", 0),
            new Usage(24, 0, 0, 8, 0)),
        Arguments.of("chat-reasoning-tokens.json turn 1",
            SharedFixtures.responseBody("openai/chat-reasoning-tokens.json", 0), new Usage(132, 0, 0, 23, 0)),
        Arguments.of("chat-reasoning-tokens.json turn 2",
            SharedFixtures.responseBody("openai/chat-reasoning-tokens.json", 1), new Usage(167, 0, 0, 171, 128)),
        Arguments.of("embeddings-float.json", SharedFixtures.responseBody("openai/embeddings-float.json", 0),
            new Usage(12, 0, 0, 0, 0)),
        Arguments.of("embeddings-base64.json", SharedFixtures.responseBody("openai/embeddings-base64.json", 0),
            new Usage(4, 0, 0, 0, 0)),
        Arguments.of("cached tokens", utf8("""
            {"id":"c","usage":{"prompt_tokens":2048,"completion_tokens":12,"total_tokens":2060,
             "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":0}},"choices":[{"index":0}]}
            """), new Usage(2048, 1920, 0, 12, 4)),
        Arguments.of("DeepSeek cache hits", utf8("""
            {"id":"d","choices":[],"usage":{"prompt_tokens":40,"completion_tokens":9,"total_tokens":49,
             "prompt_cache_hit_tokens":32,"prompt_cache_miss_tokens":8}}
            """), new Usage(40, 32, 0, 9, 0)),
        Arguments.of("DeepSeek with details first", utf8("""
            {"usage":{"prompt_tokens":40,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":32},
             "prompt_cache_hit_tokens":32,"prompt_cache_miss_tokens":8}}
            """), new Usage(40, 32, 0, 9, 0)),
        Arguments.of("DeepSeek with sorted keys", utf8("""
            {"usage":{"completion_tokens":9,"prompt_cache_hit_tokens":32,"prompt_cache_miss_tokens":8,
             "prompt_tokens":40,"prompt_tokens_details":{"cached_tokens":0},"total_tokens":49}}
            """), new Usage(40, 32, 0, 9, 0)),
        Arguments.of("DeepSeek hits before null details", utf8("""
            {"usage":{"prompt_cache_hit_tokens":32,"prompt_tokens":40,"completion_tokens":9,
             "prompt_tokens_details":null}}
            """), new Usage(40, 32, 0, 9, 0)),
        Arguments.of("pretty-printed with unknown nested fields", utf8("""
            {
              "usage" :
                {
                  "extra": {"prompt_tokens": 999, "list": [1, {"completion_tokens": 999}]},
                  "prompt_tokens": 7,
                  "completion_tokens": 3,
                  "completion_tokens_details": {"reasoning_tokens": 2, "nested": {"reasoning_tokens": 999}}
                }
            }
            """), new Usage(7, 0, 0, 3, 2)),
        Arguments.of("usage after other nested usage-like fields", utf8("""
            {"metadata":{"usage":{"prompt_tokens":999}},"data":[{"usage":{"prompt_tokens":999}}],
             "usage":{"prompt_tokens":5,"completion_tokens":1}}
            """), new Usage(5, 0, 0, 1, 0)));
  }

  /** Bodies that report no usage. */
  static Stream<Arguments> bodiesWithoutUsage() {
    return Stream.of(
        Arguments.of("usage null", utf8("{\"id\":\"x\",\"choices\":[],\"usage\":null}")),
        Arguments.of("no usage", utf8("{\"id\":\"x\",\"choices\":[{\"index\":0}]}")),
        Arguments.of("usage only nested", utf8("{\"metadata\":{\"usage\":{\"prompt_tokens\":3}}}")),
        Arguments.of("usage in an array", utf8("{\"data\":[{\"usage\":{\"prompt_tokens\":3}}]}")),
        Arguments.of("usage as a string", utf8("{\"usage\":\"{\\\"prompt_tokens\\\":3}\"}")),
        Arguments.of("error body", SharedFixtures.responseBody("openai/chat-error-404-model-not-found.json", 0)),
        Arguments.of("not JSON", utf8("<html>\"usage\":{\"prompt_tokens\":3}</html>")),
        Arguments.of("truncated", utf8("{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":")),
        Arguments.of("top-level array", utf8("[{\"usage\":{\"prompt_tokens\":3}}]")),
        Arguments.of("empty", new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void usageIsReadFromBodies(String name, byte[] body, Usage expected) {
    assertThat(OpenAiUsage.scan(body).usage()).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodiesWithoutUsage")
  void bodiesWithoutATopLevelUsageObjectGiveNone(String name, byte[] body) {
    OpenAiUsage.Found found = OpenAiUsage.scan(body);

    assertThat(found.usage()).isEmpty();
    assertThat(found.isUsageOnlyChunk()).isFalse();
  }

  @Test
  void onlyTheFinalChunkOfTheFixtureStreamCarriesUsage() {
    List<SseEvent> events = new ArrayList<>();
    SseEventSplitter splitter = new SseEventSplitter(events::add);
    splitter.feed(Buffer.buffer(SharedFixtures.bytes("openai/chat-text-stream-usage.sse")));
    splitter.finish();

    List<OpenAiUsage.Found> found = events.stream().filter(e -> !e.isDone())
        .map(e -> OpenAiUsage.scan(e.data())).toList();

    assertThat(found).hasSizeGreaterThan(2);
    OpenAiUsage.Found last = found.get(found.size() - 1);
    assertThat(last.usage()).contains(new Usage(87, 0, 0, 26, 0));
    assertThat(last.isUsageOnlyChunk()).isTrue();
    assertThat(found.subList(0, found.size() - 1)).allSatisfy(f -> {
      assertThat(f.usage()).isEmpty();
      assertThat(f.isUsageOnlyChunk()).isFalse();
    });
  }

  @Test
  void groqUsageInsideXGroqIsRead() {
    byte[] chunk = utf8("""
        {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},
         "finish_reason":"stop"}],"x_groq":{"id":"req_01","usage":{"queue_time":0.02,"prompt_tokens":18,
         "prompt_time":0.001,"completion_tokens":7,"completion_time":0.01,"total_tokens":25,"total_time":0.03}}}
        """);

    OpenAiUsage.Found found = OpenAiUsage.scan(chunk);

    assertThat(found.usage()).contains(new Usage(18, 0, 0, 7, 0));
    assertThat(found.isUsageOnlyChunk()).isFalse();
  }

  @Test
  void topLevelUsageWinsOverGroqsWhicheverComesFirst() {
    String usage = "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}";
    String groq = "\"x_groq\":{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9}}";

    assertThat(OpenAiUsage.scan(utf8("{" + usage + "," + groq + "}")).usage()).contains(new Usage(1, 0, 0, 2, 0));
    assertThat(OpenAiUsage.scan(utf8("{" + groq + "," + usage + "}")).usage()).contains(new Usage(1, 0, 0, 2, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}",
      "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2},\"choices\":[ ]}",
      "{\"id\":\"x\",\"choices\" : [\n],\"usage\" :\n {\"prompt_tokens\":1,\"completion_tokens\":2}}"})
  void chunkWithEmptyChoicesAndUsageIsTheUsageOnlyChunk(String chunk) {
    OpenAiUsage.Found found = OpenAiUsage.scan(utf8(chunk));

    assertThat(found.isUsageOnlyChunk()).isTrue();
    assertThat(found.usage()).contains(new Usage(1, 0, 0, 2, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":1}}",
      "{\"choices\":[{\"index\":0},{\"index\":1}],\"usage\":{\"prompt_tokens\":1}}",
      "{\"usage\":{\"prompt_tokens\":1}}",
      "{\"choices\":[],\"usage\":null}",
      "{\"choices\":[]}",
      "{\"choices\":null,\"usage\":{\"prompt_tokens\":1}}"})
  void otherChunksAreNotUsageOnly(String chunk) {
    assertThat(OpenAiUsage.scan(utf8(chunk)).isUsageOnlyChunk()).isFalse();
  }

  @Test
  void choicesAfterANonEmptyChoicesArrayAreStillRead() {
    byte[] chunk = utf8("{\"choices\":[{\"a\":[1,2]},{\"b\":{}}],"
        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5}}");

    assertThat(OpenAiUsage.scan(chunk).usage()).contains(new Usage(4, 0, 0, 5, 0));
  }

  @Test
  void sliceOfALargerArrayIsScannedAlone() {
    byte[] inner = utf8("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}");
    byte[] outer = utf8("data: " + new String(inner, StandardCharsets.UTF_8)
        + "\n\n{\"usage\":{\"prompt_tokens\":99}}");

    OpenAiUsage.Found found = OpenAiUsage.scan(outer, 6, inner.length);

    assertThat(found.usage()).contains(new Usage(3, 0, 0, 4, 0));
    assertThat(found.isUsageOnlyChunk()).isTrue();
  }

  @Test
  void usageKeyBeyondTheSliceIsNotSeen() {
    byte[] outer = utf8("{\"id\":1}{\"usage\":{\"prompt_tokens\":99}}");

    assertThat(OpenAiUsage.scan(outer, 0, 8).usage()).isEmpty();
  }
}
