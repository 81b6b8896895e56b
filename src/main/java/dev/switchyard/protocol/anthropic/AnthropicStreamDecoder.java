package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.sse.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns an Anthropic Messages stream, event by event, into canonical stream events. Tool calls are
 * numbered from 0 in the order their blocks start, whatever the blocks' own indexes, and their
 * {@code input_json_delta} fragments pass through unchanged; a call whose input came as no
 * fragment at all (a tool without parameters) gets one {@code "{}"} fragment, so every call's
 * fragments join into valid JSON. {@code citations_delta} is dropped (citations have no canonical
 * place), as are {@code ping} and event types this code does not know, as Anthropic asks clients
 * to do. Only candidate 0 exists.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {
  private final Consumer<StreamEvent> sink;
  private final Map<Integer, Block> blocks = new HashMap<>();
  private JsonNode startUsage = JsonTrees.object();
  private int nextToolIndex;
  private boolean finished; // message_delta came: the answer is whole, only message_stop may be missing
  private boolean ended;

  public AnthropicStreamDecoder(Consumer<StreamEvent> sink) {
    this.sink = sink;
  }

  /** One Server-Sent Event of the upstream's stream. */
  @Override
  public void accept(SseEvent event) {
    byte[] data = event.data();
    if (data.length > 0) {
      accept(data);
    }
  }

  /** One event's JSON payload (the {@code data:} of an SSE event). */
  public void accept(byte[] json) {
    if (ended) {
      return;
    }
    JsonNode event;
    try {
      event = JsonTrees.MAPPER.readTree(json);
    } catch (IOException e) {
      fail("api_error", "The Anthropic upstream sent a stream event that is not JSON.");
      return;
    }
    switch (event.path("type").asText()) {
      case "message_start" -> start(event.path("message"));
      case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
      case "content_block_delta" -> blockDelta(blocks.get(event.path("index").asInt()), event.path("delta"));
      case "content_block_stop" -> blockStop(blocks.remove(event.path("index").asInt()));
      case "message_delta" -> messageDelta(event);
      case "message_stop" -> {
        ended = true;
        sink.accept(new StreamEvent.End());
      }
      case "error" -> {
        JsonNode error = event.path("error");
        fail(error.path("type").asText("api_error"), error.path("message").asText(""));
      }
      default -> { } // ping, and event types added after this code was written
    }
  }

  /** True once the stream reached {@code message_stop} or an error; false means it was cut short. */
  public boolean ended() {
    return ended;
  }

  /**
   * The upstream body ended: after {@code message_delta} (the stop reason and final usage) the
   * answer is whole even if {@code message_stop} never came; before it, the stream was cut off.
   */
  @Override
  public void finish() {
    if (ended) {
      return;
    }
    ended = true;
    sink.accept(finished ? new StreamEvent.End()
        : StreamEvent.Failure.interrupted("The Anthropic stream ended before its answer finished."));
  }

  private void start(JsonNode message) {
    startUsage = message.path("usage").isObject() ? message.get("usage") : JsonTrees.object();
    Optional<Usage> usage = message.path("usage").isObject()
        ? Optional.of(AnthropicUsage.fromJson(startUsage)) : Optional.empty();
    sink.accept(new StreamEvent.Start(message.path("id").asText(), message.path("model").asText(), usage));
  }

  private void blockStart(int index, JsonNode block) {
    String type = block.path("type").asText();
    switch (type) {
      case "text" -> {
        blocks.put(index, new Block(-1));
        text(block.path("text").asText());
      }
      case "thinking" -> {
        blocks.put(index, new Block(-1));
        reasoning(block.path("thinking").asText());
        signature(block.path("signature").asText());
      }
      case "redacted_thinking" -> {
        blocks.put(index, new Block(-1));
        sink.accept(new StreamEvent.ReasoningSignature(0, Optional.empty(),
            Optional.of(block.path("data").asText())));
      }
      case "tool_use" -> {
        Block tool = new Block(nextToolIndex++);
        blocks.put(index, tool);
        sink.accept(new StreamEvent.ToolCallStart(0, tool.toolIndex, block.path("id").asText(),
            block.path("name").asText()));
        JsonNode input = block.path("input");
        if (input.isObject() && !input.isEmpty()) { // Anthropic sends {} and streams the input instead
          arguments(tool, JsonTrees.text(input));
        }
      }
      default -> fail("api_error", "The Anthropic stream holds a content block of type '" + type
          + "', which cannot be translated.");
    }
  }

  private void blockDelta(Block block, JsonNode delta) {
    if (block == null) {
      return; // a delta for a block that never started: nothing to attach it to
    }
    switch (delta.path("type").asText()) {
      case "text_delta" -> text(delta.path("text").asText());
      case "thinking_delta" -> reasoning(delta.path("thinking").asText());
      case "signature_delta" -> signature(delta.path("signature").asText());
      case "input_json_delta" -> arguments(block, delta.path("partial_json").asText());
      default -> { } // citations_delta and delta types added later
    }
  }

  private void blockStop(Block block) {
    if (block != null && block.toolIndex >= 0 && !block.sawArguments) {
      sink.accept(new StreamEvent.ToolCallDelta(0, block.toolIndex, "{}"));
    }
  }

  private void messageDelta(JsonNode event) {
    finished = true;
    JsonNode delta = event.path("delta");
    sink.accept(new StreamEvent.Finish(0,
        AnthropicStopReasons.toCanonical(JsonTrees.string(delta, "stop_reason").orElse(null)),
        JsonTrees.string(delta, "stop_sequence")));
    sink.accept(new StreamEvent.UsageReport(AnthropicUsage.merged(startUsage, event.path("usage"))));
  }

  private void text(String text) {
    if (!text.isEmpty()) {
      sink.accept(new StreamEvent.TextDelta(0, text));
    }
  }

  private void reasoning(String text) {
    if (!text.isEmpty()) {
      sink.accept(new StreamEvent.ReasoningDelta(0, text));
    }
  }

  private void signature(String signature) {
    if (!signature.isEmpty()) {
      sink.accept(new StreamEvent.ReasoningSignature(0, Optional.of(signature), Optional.empty()));
    }
  }

  private void arguments(Block tool, String fragment) {
    if (tool.toolIndex >= 0 && !fragment.isEmpty()) {
      tool.sawArguments = true;
      sink.accept(new StreamEvent.ToolCallDelta(0, tool.toolIndex, fragment));
    }
  }

  private void fail(String type, String message) {
    ended = true;
    sink.accept(new StreamEvent.Failure(AnthropicErrors.status(type), type, message));
  }

  /** An open content block; {@code toolIndex} is -1 unless it is a tool call. */
  private static final class Block {
    final int toolIndex;
    boolean sawArguments;

    Block(int toolIndex) {
      this.toolIndex = toolIndex;
    }
  }
}
