package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.Usage;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiAnswerUsageTest {
  private static Optional<Usage> whole(byte[] body) {
    AnswerUsage scanner = new AnswerUsage();
    scanner.feed(body);
    return scanner.finish();
  }

  private static Optional<Usage> byteByByte(byte[] body) {
    AnswerUsage scanner = new AnswerUsage();
    for (byte b : body) {
      scanner.feed(new byte[] {b});
    }
    return scanner.finish();
  }

  private static Optional<Usage> randomPieces(byte[] body, long seed) {
    AnswerUsage scanner = new AnswerUsage();
    Random random = new Random(seed);
    for (int at = 0; at < body.length; ) {
      int size = Math.min(body.length - at, random.nextInt(40)); // empty pieces included
      scanner.feed(Arrays.copyOfRange(body, at, at + size));
      at += size;
    }
    return scanner.finish();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.switchyard.protocol.openai.OpenAiUsageTest#bodies")
  void usageIsFoundHoweverTheBodyIsCut(String name, byte[] body, Usage expected) {
    assertThat(whole(body)).contains(expected);
    assertThat(byteByByte(body)).contains(expected);
    assertThat(randomPieces(body, 7L)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.switchyard.protocol.openai.OpenAiUsageTest#bodiesWithoutUsage")
  void bodiesWithoutATopLevelUsageObjectGiveNone(String name, byte[] body) {
    assertThat(whole(body)).isEmpty();
    assertThat(byteByByte(body)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.switchyard.protocol.openai.OpenAiUsageTest#bodies")
  void incrementalScannerAgreesWithTheChunkScanner(String name, byte[] body, Usage expected) {
    assertThat(byteByByte(body)).isEqualTo(OpenAiUsage.scan(body).usage());
  }

  @Test
  void garbageAfterTheUsageMeansNoUsage() {
    byte[] body = "{\"usage\":{\"prompt_tokens\":3}} trailing".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(whole(body)).isEmpty();
  }

  @Test
  void feedingAfterFailureIsHarmless() {
    AnswerUsage scanner = new AnswerUsage();
    scanner.feed("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    scanner.feed("{\"usage\":{\"prompt_tokens\":3}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(scanner.finish()).isEmpty();
  }

  /** How the passthrough meters a complete answer: the top-level usage captured, then read as OpenAI's. */
  private static final class AnswerUsage {
    private final dev.switchyard.protocol.TopLevelObjectCapture usage =
        new dev.switchyard.protocol.TopLevelObjectCapture("usage");

    void feed(byte[] bytes) {
      usage.feed(bytes);
    }

    java.util.Optional<dev.switchyard.canonical.Usage> finish() {
      return usage.finish().flatMap(json -> OpenAiUsage.parseUsageObject(json, 0, json.length));
    }
  }
}
