package dev.switchyard.fidelity;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import dev.switchyard.testing.Fixtures;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two official SDKs as judges of what crosses the wire: bodies, chunks and events are read
 * with their own mappers and types (and validated), and streams accumulated with their own helpers.
 */
final class Wire {
  static final ObjectMapper ANTHROPIC = com.anthropic.core.ObjectMappers.jsonMapper();
  static final ObjectMapper OPENAI = com.openai.core.ObjectMappers.jsonMapper();

  private Wire() {}

  static JsonNode json(byte[] bytes) {
    try {
      return Fixtures.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return json(text.getBytes(StandardCharsets.UTF_8));
  }

  static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw new AssertionError("the SDK cannot read the body as " + type.getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }

  static MessageCreateParams.Body anthropicRequest(byte[] body) {
    return read(ANTHROPIC, body, MessageCreateParams.Body.class).validate();
  }

  /** An Anthropic message as the SDK reads and writes it back. */
  static JsonNode anthropicMessage(byte[] body) {
    return ANTHROPIC.valueToTree(read(ANTHROPIC, body, Message.class).validate());
  }

  static JsonNode openAiCompletion(byte[] body) {
    return OPENAI.valueToTree(read(OPENAI, body, ChatCompletion.class).validate());
  }

  /** SSE events as Switchyard's splitter cuts them from small uneven reads. */
  static List<SseEvent> sse(byte[] body) {
    List<SseEvent> events = new ArrayList<>();
    SseEventSplitter splitter = new SseEventSplitter(events::add);
    for (int at = 0, step = 1; at < body.length; at += step, step = step % 13 + 3) {
      splitter.feed(Buffer.buffer(Arrays.copyOfRange(body, at, Math.min(body.length, at + step))));
    }
    splitter.finish();
    return events;
  }

  /** The JSON payloads of an Anthropic stream: SSE data, or one JSON per line ({@code .chunks.jsonl}). */
  static List<byte[]> anthropicPayloads(byte[] body) {
    List<byte[]> payloads = new ArrayList<>();
    if (body.length > 0 && body[0] == '{') {
      new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
          .forEach(l -> payloads.add(l.getBytes(StandardCharsets.UTF_8)));
      return payloads;
    }
    for (SseEvent event : sse(body)) {
      if (event.data().length > 0) {
        payloads.add(event.data());
      }
    }
    return payloads;
  }

  /** The message an Anthropic SDK user gets from a stream's payloads (pings and errors aside). */
  static JsonNode accumulateAnthropic(List<byte[]> payloads) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    for (byte[] payload : payloads) {
      String type = json(payload).path("type").asText();
      if (type.equals("ping") || type.equals("error")) {
        continue;
      }
      accumulator.accumulate(read(ANTHROPIC, payload, RawMessageStreamEvent.class).validate());
    }
    return ANTHROPIC.valueToTree(accumulator.message());
  }

  /** The completion an OpenAI SDK user gets from a stream's chunk payloads ({@code [DONE]} aside). */
  static JsonNode accumulateOpenAi(List<String> data) {
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    for (String chunk : data) {
      if (!chunk.equals("[DONE]")) {
        accumulator.accumulate(read(OPENAI, chunk.getBytes(StandardCharsets.UTF_8), ChatCompletionChunk.class)
            .validate());
      }
    }
    return OPENAI.valueToTree(accumulator.chatCompletion());
  }

  /** The data of each SSE event of an OpenAI stream, in order. */
  static List<String> openAiData(byte[] body) {
    return sse(body).stream().filter(e -> e.data().length > 0)
        .map(e -> new String(e.data(), StandardCharsets.UTF_8)).toList();
  }
}
