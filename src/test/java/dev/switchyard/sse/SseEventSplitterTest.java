package dev.switchyard.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.SharedFixtures;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SseEventSplitterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<SseEvent> events = new ArrayList<>();
  private final SseEventSplitter splitter = new SseEventSplitter(events::add);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void feed(String text) {
    splitter.feed(Buffer.buffer(utf8(text)));
  }

  private List<String> raws() {
    return events.stream().map(e -> new String(e.raw(), StandardCharsets.UTF_8)).toList();
  }

  private List<String> datas() {
    return events.stream().map(SseEvent::dataAsString).toList();
  }

  static Stream<String> openAiStreams() throws IOException {
    try (Stream<Path> files = Files.list(SharedFixtures.dir().resolve("openai"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted()
          .toList();
      assertThat(names).isNotEmpty();
      return names.stream().map(n -> "openai/" + n);
    }
  }

  static Stream<Arguments> streamsAndLineEndings() throws IOException {
    return openAiStreams().flatMap(f -> Stream.of("LF", "CRLF", "CR").map(ending -> Arguments.of(f, ending)));
  }

  /** The fixture with its LF line ends replaced; the events counted independently, by blank lines. */
  private record Recorded(byte[] bytes, int eventCount) {
    static Recorded of(String fixture, String ending) {
      String lineEnd = switch (ending) {
        case "LF" -> "\n";
        case "CRLF" -> "\r\n";
        case "CR" -> "\r";
        default -> throw new IllegalArgumentException(ending);
      };
      String lf = new String(SharedFixtures.bytes(fixture), StandardCharsets.UTF_8);
      assertThat(lf).endsWith("\n\n").doesNotContain("\r");
      int count = lf.substring(0, lf.length() - 2).split("\n\n", -1).length;
      return new Recorded(utf8(lf.replace("\n", lineEnd)), count);
    }
  }

  private void assertWholeStreamCameOut(Recorded stream) throws IOException {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (SseEvent event : events) {
      joined.write(event.raw());
    }
    assertThat(joined.toByteArray()).isEqualTo(stream.bytes());
    assertThat(events).hasSize(stream.eventCount());
    for (SseEvent event : events) { // each cut is at an event boundary: every payload is whole JSON
      if (!event.isDone()) {
        assertThat(JSON.readTree(event.data()).isObject()).as(event.dataAsString()).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("streamsAndLineEndings")
  void fixtureFedByteByByteComesOutAsItsEvents(String fixture, String lineEnd) throws IOException {
    Recorded stream = Recorded.of(fixture, lineEnd);
    for (byte b : stream.bytes()) {
      splitter.feed(Buffer.buffer(new byte[] {b}));
    }
    splitter.finish();

    assertWholeStreamCameOut(stream);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("streamsAndLineEndings")
  void fixtureFedInRandomChunksComesOutAsItsEvents(String fixture, String lineEnd) throws IOException {
    Recorded stream = Recorded.of(fixture, lineEnd);
    Random random = new Random(20240611L);
    byte[] bytes = stream.bytes();
    for (int at = 0; at < bytes.length; ) {
      int size = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 3000));
      splitter.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, at + size)));
      at += size;
    }
    splitter.finish();

    assertWholeStreamCameOut(stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openAiStreams")
  void sameEventsWhateverTheLineEnding(String fixture) {
    List<List<String>> perEnding = new ArrayList<>();
    for (String lineEnd : List.of("LF", "CRLF", "CR")) {
      List<SseEvent> seen = new ArrayList<>();
      SseEventSplitter s = new SseEventSplitter(seen::add);
      s.feed(Buffer.buffer(Recorded.of(fixture, lineEnd).bytes()));
      s.finish();
      perEnding.add(seen.stream().map(e -> e.type() + " " + e.dataAsString()).toList());
    }

    assertThat(perEnding.get(1)).isEqualTo(perEnding.get(0));
    assertThat(perEnding.get(2)).isEqualTo(perEnding.get(0));
  }

  @Test
  void fixtureStreamEndsWithDone() {
    splitter.feed(Buffer.buffer(SharedFixtures.bytes("openai/chat-text-stream-usage.sse")));

    assertThat(events.get(events.size() - 1).isDone()).isTrue();
    assertThat(events.subList(0, events.size() - 1)).noneMatch(SseEvent::isDone);
  }

  @Test
  void responsesFixtureEventsCarryTheirTypes() {
    splitter.feed(Buffer.buffer(SharedFixtures.bytes("openai/responses-function-call-stream.1.sse")));

    assertThat(events.get(0).type()).isEqualTo("response.created");
    assertThat(events).allSatisfy(e -> assertThat(e.dataAsString()).contains("\"type\":\"" + e.type() + "\""));
  }

  @Test
  void severalEventsInOneChunkAreHandedOverOneByOne() {
    feed("data: 1\n\ndata: 2\n\ndata: 3\n\n");

    assertThat(raws()).containsExactly("data: 1\n\n", "data: 2\n\n", "data: 3\n\n");
  }

  @Test
  void eventIsHeldUntilItsBlankLineArrives() {
    feed("data: {\"a\":");
    feed("1}\n");
    assertThat(events).isEmpty();

    feed("\n");

    assertThat(datas()).containsExactly("{\"a\":1}");
  }

  @Test
  void crlfSplitBetweenChunksEndsTheEventOnce() {
    feed("data: a\r");
    feed("\n\r");
    assertThat(events).isEmpty();
    feed("\ndata: b\r\n\r\n");

    assertThat(raws()).containsExactly("data: a\r\n\r\n", "data: b\r\n\r\n");
  }

  @Test
  void loneCrEndsAnEventOnceTheNextByteShowsNoLfFollows() {
    feed("data: a\r\rdata: b\r\r");
    assertThat(raws()).containsExactly("data: a\r\r");

    splitter.finish();

    assertThat(raws()).containsExactly("data: a\r\r", "data: b\r\r");
    assertThat(datas()).containsExactly("a", "b");
  }

  @Test
  void finalEventWithoutBlankLineIsHandedOverByFinish() {
    feed("data: one\n\ndata: last");
    assertThat(raws()).containsExactly("data: one\n\n");

    splitter.finish();

    assertThat(raws()).containsExactly("data: one\n\n", "data: last");
    assertThat(datas()).containsExactly("one", "last");
  }

  @Test
  void finishWithNothingPendingHandsOverNothing() {
    feed("data: one\n\n");
    splitter.finish();

    assertThat(raws()).containsExactly("data: one\n\n");
  }

  @Test
  void eventLargerThanTheBufferSurvivesChunking() {
    String payload = "x".repeat(100_000);
    String stream = "data: small\n\ndata: " + payload + "\n\ndata: after\n\n";
    byte[] bytes = utf8(stream);
    for (int at = 0; at < bytes.length; at += 777) {
      splitter.feed(Buffer.buffer(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 777))));
    }

    assertThat(datas()).containsExactly("small", payload, "after");
    assertThat(String.join("", raws())).isEqualTo(stream);
  }

  @Test
  void commentOnlyEventIsRelayedWithNoData() {
    feed(": keep-alive\n\ndata: x\n\n");

    assertThat(raws()).containsExactly(": keep-alive\n\n", "data: x\n\n");
    assertThat(events.get(0).data()).isEmpty();
    assertThat(events.get(0).type()).isEqualTo("message");
    assertThat(events.get(0).isDone()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      data: x\\n\\n                            | message | x
      data:x\\n\\n                             | message | x
      `data:  x\\n\\n`                         | message | ` x`
      data: a\\ndata: b\\n\\n                  | message | `a\\nb`
      data: a\\r\\ndata:\\r\\ndata: b\\r\\n\\r\\n | message | `a\\n\\nb`
      data\\n\\n                               | message | ``
      data: a:b: c\\n\\n                       | message | a:b: c
      event: ping\\ndata: {}\\n\\n             | ping    | {}
      event:delta\\r\\ndata: 1\\r\\n\\r\\n      | delta   | 1
      data: 1\\nevent: late\\n\\n              | late    | 1
      : comment\\ndata: x\\n: another\\n\\n     | message | x
      id: 7\\nretry: 100\\ndata: x\\n\\n        | message | x
      dataa: x\\ndata: y\\n\\n                 | message | y
      event: e\\n\\n                           | e       | ``
      """)
  void fieldsAreReadAsTheSseSpecSays(String raw, String type, String data) {
    SseEvent event = SseEvent.of(raw.translateEscapes());

    assertThat(event.type()).isEqualTo(type);
    assertThat(event.dataAsString()).isEqualTo(data.translateEscapes());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      data: [DONE]\\n\\n            | true
      data:[DONE]\\n\\n             | true
      data: [DONE]\\r\\n\\r\\n       | true
      data: [DONE]                  | true
      `data: [DONE] \\n\\n`         | false
      data: [done]\\n\\n            | false
      data: {"x":"[DONE]"}\\n\\n    | false
      data: [DONE]\\ndata: 1\\n\\n  | false
      : [DONE]\\n\\n                | false
      """)
  void doneIsTheDataLineDoneAlone(String raw, boolean done) {
    assertThat(SseEvent.of(raw.translateEscapes()).isDone()).isEqualTo(done);
  }

  @Test
  void rawBytesAreKeptExactlyIncludingTheTerminator() {
    String text = "event: x\r\ndata: \u00e9\u4e16\r\n\r\n";
    feed(text);

    assertThat(events).hasSize(1);
    assertThat(events.get(0).raw()).isEqualTo(utf8(text));
    assertThat(events.get(0).dataAsString()).isEqualTo("\u00e9\u4e16");
  }

  @Test
  void anEventThatNeverEndsIsRefusedAtTheLimitNotHeld() {
    SseEventSplitter bounded = new SseEventSplitter(events::add, 1024);
    bounded.feed(Buffer.buffer("data: small\n\n"));
    byte[] run = new byte[300];
    Arrays.fill(run, (byte) 'x');

    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        bounded.feed(Buffer.buffer(run));
      }
    }).isInstanceOf(SseEventSplitter.EventTooLargeException.class).hasMessageContaining("1024 bytes");
    assertThat(events).hasSize(1);
  }

  @Test
  void oneHugeChunkIsRefusedWithoutCopyingItWhole() {
    SseEventSplitter bounded = new SseEventSplitter(events::add, 4096);
    byte[] huge = new byte[8 << 20];
    Arrays.fill(huge, (byte) 'x');

    assertThatThrownBy(() -> bounded.feed(Buffer.buffer(huge)))
        .isInstanceOf(SseEventSplitter.EventTooLargeException.class);
  }

  @Test
  void manyEventsInOneLargeChunkPassWhenEachFitsTheLimit() {
    SseEventSplitter bounded = new SseEventSplitter(events::add, 64);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      many.append("data: ").append(i).append("\n\n");
    }
    bounded.feed(Buffer.buffer(many.toString()));

    assertThat(events).hasSize(1000);
    assertThat(events.get(999).dataAsString()).isEqualTo("999");
  }
}
