package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.GenerateContentResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import dev.switchyard.testing.Fixtures;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * The chunks of a stream body in either framing: an SSE body cut by Switchyard's splitter from
   * small uneven reads, or the elements of the JSON-array form.
   */
  static List<byte[]> chunks(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("[")) {
      List<byte[]> elements = new ArrayList<>();
      json(body).forEach(element -> elements.add(Fixtures.compact(element)));
      return elements;
    }
    List<byte[]> chunks = new ArrayList<>();
    for (SseEvent event : sseEvents(body)) {
      if (event.data().length > 0) {
        chunks.add(event.data());
      }
    }
    return chunks;
  }

  static List<SseEvent> sseEvents(byte[] body) {
    List<SseEvent> events = new ArrayList<>();
    SseEventSplitter splitter = new SseEventSplitter(events::add);
    for (int at = 0, step = 1; at < body.length; at += step, step = step % 13 + 3) {
      splitter.feed(Buffer.buffer(Arrays.copyOfRange(body, at, Math.min(body.length, at + step))));
    }
    splitter.finish();
    return events;
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
