package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.OpenAiSpec;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading OpenAI chunk streams in tests the way the official SDK does. */
final class ChunkStreams {
  private ChunkStreams() {}

  /** The events of a raw SSE stream. */
  static List<SseEvent> events(byte[] stream) {
    List<SseEvent> events = new ArrayList<>();
    SseEventSplitter splitter = new SseEventSplitter(events::add);
    splitter.feed(Buffer.buffer(stream));
    splitter.finish();
    return events;
  }

  /** The data of each buffer, checking that each buffer is exactly one {@code data:} event. */
  static List<String> data(List<Buffer> buffers) {
    List<String> data = new ArrayList<>();
    for (Buffer buffer : buffers) {
      String event = buffer.toString(StandardCharsets.UTF_8);
      assertThat(event).startsWith("data: ").endsWith("\n\n");
      assertThat(event.substring(0, event.length() - 2)).doesNotContain("\n");
      data.add(event.substring("data: ".length(), event.length() - 2));
    }
    return data;
  }

  /** One chunk, valid per the spec's stream schema and read with the SDK's own type. */
  static ChatCompletionChunk chunk(String data) {
    byte[] json = data.getBytes(StandardCharsets.UTF_8);
    OpenAiSpec.assertValid("CreateChatCompletionStreamResponse", withoutNullables(json));
    return OpenAiSpec.readAs(json, ChatCompletionChunk.class).validate();
  }

  /**
   * The chunk without the null values the spec allows through OpenAPI 3.0's {@code nullable: true}
   * ({@code usage}, {@code choices[].finish_reason}, {@code choices[].logprobs}), a keyword that
   * JSON Schema 2020-12 validators ignore. OpenAI's own recorded chunks need the same allowance.
   */
  private static byte[] withoutNullables(byte[] json) {
    try {
      ObjectNode chunk = (ObjectNode) Fixtures.JSON.readTree(json);
      if (chunk.path("usage").isNull()) {
        chunk.remove("usage");
      }
      for (JsonNode choice : chunk.path("choices")) {
        if (choice.path("logprobs").isNull()) {
          ((ObjectNode) choice).remove("logprobs");
        }
        if (choice.path("finish_reason").isNull()) { // required, so an allowed value stands in for null
          ((ObjectNode) choice).put("finish_reason", "stop");
        }
      }
      return Fixtures.JSON.writeValueAsBytes(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What an SDK user gets from the stream: the chunks accumulated into one completion. */
  static ChatCompletion accumulate(List<String> data) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    for (String d : data) {
      if (!d.equals("[DONE]")) {
        accumulator.accumulate(chunk(d));
      }
    }
    return accumulator.chatCompletion();
  }
}
