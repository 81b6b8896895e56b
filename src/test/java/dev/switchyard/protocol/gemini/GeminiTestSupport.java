package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.GenerateContentResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GeminiSdk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the Gemini response tests: fixtures, the two stream framings, the SDK's types. */
final class GeminiTestSupport {
  private GeminiTestSupport() {}

  static Fixtures.Case fixture(String name) {
    return Fixtures.load("gemini", name);
  }

  static byte[] body(String name, int exchange) {
    return fixture(name).exchange(exchange).response().body();
  }

  static JsonNode json(byte[] bytes) {
    try {
      return Fixtures.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return json(utf8(text));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses with the official SDK's type, as a Gemini client would. */
  static GenerateContentResponse sdk(byte[] json) {
    return GenerateContentResponse.fromJson(new String(json, StandardCharsets.UTF_8));
  }

  /** The chunks of a stream body in either framing (see {@link GeminiSdk#chunks}). */
  static List<byte[]> chunks(byte[] body) {
    return GeminiSdk.chunks(body);
  }

  static List<SseEvent> sseEvents(byte[] body) {
    return GeminiSdk.sseEvents(body);
  }

  /** A whole recorded or encoded stream, decoded; it must reach its end. */
  static List<StreamEvent> decode(byte[] body) {
    List<StreamEvent> events = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder(events::add);
    chunks(body).forEach(decoder::accept);
    assertThat(decoder.ended()).as("the stream reached its end").isTrue();
    return events;
  }

  /** Chunks as SSE events, a multi-line chunk as several {@code data:} lines (which SSE joins). */
  static List<StreamEvent> decodeChunks(String... chunks) {
    List<StreamEvent> events = new ArrayList<>();
    GeminiStreamDecoder decoder = new GeminiStreamDecoder(events::add);
    for (String chunk : chunks) {
      decoder.accept(SseEvent.of("data: " + chunk.strip().replace("\n", "\ndata: ") + "\r\n\r\n"));
    }
    return events;
  }

  /** Encodes events, returning the whole body. */
  static byte[] encode(GeminiStreamEncoder.Framing framing, List<StreamEvent> events) {
    GeminiStreamEncoder encoder = new GeminiStreamEncoder("client-model", framing);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    events.forEach(event -> body.writeBytes(encoder.encode(event)));
    return body.toByteArray();
  }
}
