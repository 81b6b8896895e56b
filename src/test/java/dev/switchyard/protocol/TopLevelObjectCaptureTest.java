package dev.switchyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopLevelObjectCaptureTest {

  private static Optional<String> capture(TopLevelObjectCapture capture, String body, int pieceSize) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += pieceSize) {
      capture.feed(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + pieceSize)));
    }
    return capture.finish().map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 4096})
  void theLastElementsMemberOfAJsonArrayStreamIsCapturedWhateverTheChunking(int pieceSize) {
    String body = "[{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":3}}\r\n,\r\n"
        + "{\"candidates\":[{\"x\":{\"usageMetadata\":{\"nested\":1}}}],\"usageMetadata\":{\"promptTokenCount\":3,"
        + "\"candidatesTokenCount\":9}}]";

    assertThat(capture(TopLevelObjectCapture.inArrayElements("usageMetadata"), body, pieceSize))
        .contains("{\"promptTokenCount\":3,\"candidatesTokenCount\":9}");
  }

  @Test
  void aRecordedGeminiJsonArrayStreamYieldsItsFinalUsage() {
    byte[] body = Fixtures.load("gemini", "stream-json-array-thoughts-tools").exchange(0).response().body();

    Optional<String> usage = capture(TopLevelObjectCapture.inArrayElements("usageMetadata"),
        new String(body, StandardCharsets.UTF_8), 512);

    assertThat(usage).isPresent();
    assertThat(Fixtures.readJson(usage.get()).path("totalTokenCount").asInt()).isPositive();
  }

  @Test
  void anArrayCaptureRefusesAnObjectBodyAndAnObjectCaptureAnArray() {
    assertThat(capture(TopLevelObjectCapture.inArrayElements("usage"), "{\"usage\":{\"a\":1}}", 4)).isEmpty();
    assertThat(capture(new TopLevelObjectCapture("usage"), "[{\"usage\":{\"a\":1}}]", 4)).isEmpty();
  }

  @Test
  void aCutArrayYieldsNothing() {
    assertThat(capture(TopLevelObjectCapture.inArrayElements("usageMetadata"),
        "[{\"usageMetadata\":{\"a\":1}},{\"usageMetadata\":{\"a\":2", 5)).isEmpty();
  }
}
