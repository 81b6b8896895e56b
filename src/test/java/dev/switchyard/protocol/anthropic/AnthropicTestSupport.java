package dev.switchyard.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
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
import java.util.Optional;

/** Shared helpers of the Anthropic translation tests: fixtures, stream payloads, the SDK's types. */
final class AnthropicTestSupport {
  /** The official SDK's own mapper, so its types judge what the translators write. */
  static final ObjectMapper SDK = ObjectMappers.jsonMapper();
  static final ObjectMapper JSON = Fixtures.JSON;

  private AnthropicTestSupport() {}

  static Fixtures.Case fixture(String name) {
    return Fixtures.load("anthropic", name);
  }

  static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return json(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a request body with the SDK's request type and validates it, as the SDK would before sending. */
  static MessageCreateParams.Body sdkRequest(byte[] body) {
    try {
      return SDK.readValue(body, MessageCreateParams.Body.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Message sdkMessage(byte[] body) {
    try {
      return SDK.readValue(body, Message.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RawMessageStreamEvent sdkEvent(String data) {
    try {
      return SDK.readValue(data, RawMessageStreamEvent.class).validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The JSON payloads of a recorded stream: SSE {@code data}, cut by Switchyard's splitter from
   * small uneven reads, or one JSON per line for the {@code .chunks.jsonl} form.
   */
  static List<byte[]> payloads(byte[] body) {
    List<byte[]> payloads = new ArrayList<>();
    if (body.length > 0 && body[0] == '{') {
      for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          payloads.add(utf8(line));
        }
      }
      return payloads;
    }
    for (SseEvent event : sseEvents(body)) {
      if (event.data().length > 0) {
        payloads.add(event.data());
      }
    }
    return payloads;
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

  static List<StreamEvent> decode(byte[] body) {
    List<StreamEvent> events = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add);
    payloads(body).forEach(decoder::accept);
    assertThat(decoder.ended()).as("the stream reached its end").isTrue();
    return events;
  }

  /** A canonical request with the given items and defaults for the rest, changed through {@code with...}. */
  static Request request(Item... items) {
    return new Request(List.of(items));
  }

  /** A small builder over {@link ChatRequest}'s many components. */
  static final class Request {
    List<Item> items;
    List<ToolDefinition> tools = List.of();
    ToolChoice toolChoice = ToolChoice.AUTO;
    Optional<Boolean> parallel = Optional.empty();
    Optional<Integer> maxTokens = Optional.empty();
    Optional<Double> temperature = Optional.empty();
    Optional<Double> topP = Optional.empty();
    Optional<Integer> topK = Optional.empty();
    Optional<Double> presencePenalty = Optional.empty();
    List<String> stops = List.of();
    Optional<Long> seed = Optional.empty();
    int candidates = 1;
    Optional<ResponseFormat> format = Optional.empty();
    Optional<ReasoningConfig> reasoning = Optional.empty();
    Optional<String> user = Optional.empty();
    boolean stream;

    Request(List<Item> items) {
      this.items = items;
    }

    ChatRequest build() {
      return new ChatRequest("client-model", items, tools, toolChoice, parallel, maxTokens, temperature, topP,
          topK, presencePenalty, Optional.empty(), stops, seed, candidates, format, reasoning, user, stream);
    }
  }
}
