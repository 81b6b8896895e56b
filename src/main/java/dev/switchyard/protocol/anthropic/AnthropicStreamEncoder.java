package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.EventBytesEncoder;
import dev.switchyard.protocol.JsonTrees;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns canonical stream events into Anthropic's exact Messages stream: {@code message_start}
 * (with usage), one {@code content_block_start} / {@code content_block_delta}... /
 * {@code content_block_stop} run per block with indexes from 0 (a block closes when the kind of
 * content changes), then {@code message_delta} (stop reason and usage) and {@code message_stop};
 * a failure becomes an {@code error} event that ends the stream. {@code message_delta} waits for
 * the end, because usage may follow the finish. Events of candidates other than 0 are dropped:
 * Anthropic requests ask for one. A tool call's late fragment, after another block has opened,
 * still goes out with its own block's index: lossless, though Anthropic itself never interleaves.
 */
public final class AnthropicStreamEncoder extends EventBytesEncoder {
  private enum Kind { TEXT, THINKING, REDACTED, TOOL }

  private final String model;
  private final Map<Integer, Integer> toolBlocks = new HashMap<>();
  private ByteArrayOutputStream out;
  private boolean started;
  private boolean ended;
  private Kind openKind;
  private int openIndex = -1;
  private boolean openComplete; // a thinking block whose signature came: the next thinking is a new block
  private int nextIndex;
  private FinishReason reason = FinishReason.STOP;
  private Optional<String> stopSequence = Optional.empty();
  private Usage usage = Usage.ZERO;

  /**
   * @param requestedModel the model name the client asked for, which its stream reports
   * @param sink where each event's bytes go
   */
  public AnthropicStreamEncoder(String requestedModel, Consumer<Buffer> sink) {
    super(sink);
    this.model = requestedModel;
  }

  /** An encoder whose bytes are read event by event from {@link #encode}. */
  AnthropicStreamEncoder(String requestedModel) {
    this(requestedModel, bytes -> { });
  }

  @Override
  protected boolean ended() {
    return ended;
  }

  /** The SSE bytes for one canonical event; empty when it adds nothing to the client's stream. */
  @Override
  protected byte[] encode(StreamEvent event) {
    out = new ByteArrayOutputStream(256);
    if (ended || !forCandidateZero(event)) {
      return out.toByteArray();
    }
    if (!started && !(event instanceof StreamEvent.Start) && !(event instanceof StreamEvent.Failure)) {
      messageStart("msg_switchyard", Optional.empty());
    }
    switch (event) {
      case StreamEvent.Start s -> messageStart(s.id(), s.usage());
      case StreamEvent.TextDelta t -> {
        open(Kind.TEXT, block("text").put("text", ""));
        delta(delta("text_delta").put("text", t.text()));
      }
      case StreamEvent.ReasoningDelta r -> {
        open(Kind.THINKING, block("thinking").put("thinking", "").put("signature", ""));
        delta(delta("thinking_delta").put("thinking", r.text()));
      }
      case StreamEvent.ReasoningSignature s -> signature(s);
      case StreamEvent.ToolCallStart c -> {
        close();
        ObjectNode block = block("tool_use").put("id", c.id()).put("name", c.name());
        block.putObject("input");
        open(Kind.TOOL, block);
        toolBlocks.put(c.toolIndex(), openIndex);
      }
      case StreamEvent.ToolCallDelta d -> toolArguments(d);
      case StreamEvent.Finish f -> {
        close();
        reason = f.reason();
        stopSequence = f.stopSequence();
      }
      case StreamEvent.UsageReport u -> usage = u.usage();
      case StreamEvent.End e -> end();
      case StreamEvent.Failure f -> {
        ended = true;
        String type = f.type() == null || f.type().isBlank() || f.isInterruption()
            ? AnthropicErrors.type(f.status()) : f.type();
        ObjectNode error = JsonTrees.object().put("type", "error");
        error.putObject("error").put("type", type).put("message", f.message());
        write("error", error);
      }
    }
    return out.toByteArray();
  }

  private static boolean forCandidateZero(StreamEvent event) {
    return switch (event) {
      case StreamEvent.TextDelta t -> t.candidate() == 0;
      case StreamEvent.ReasoningDelta r -> r.candidate() == 0;
      case StreamEvent.ReasoningSignature s -> s.candidate() == 0;
      case StreamEvent.ToolCallStart c -> c.candidate() == 0;
      case StreamEvent.ToolCallDelta d -> d.candidate() == 0;
      case StreamEvent.Finish f -> f.candidate() == 0;
      default -> true;
    };
  }

  private void messageStart(String id, Optional<Usage> startUsage) {
    started = true;
    startUsage.ifPresent(u -> usage = u);
    ObjectNode message = JsonTrees.object().put("id", CanonicalToAnthropic.messageId(id)).put("type", "message")
        .put("role", "assistant");
    message.put("model", model).putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set("usage", AnthropicUsage.toJson(startUsage.orElse(Usage.ZERO)));
    ObjectNode event = JsonTrees.object().put("type", "message_start");
    event.set("message", message);
    write("message_start", event);
  }

  private void signature(StreamEvent.ReasoningSignature s) {
    if (s.signature().isPresent()) {
      open(Kind.THINKING, block("thinking").put("thinking", "").put("signature", ""));
      delta(delta("signature_delta").put("signature", s.signature().get()));
      openComplete = true;
    } else if (s.encrypted().isPresent()) {
      close();
      open(Kind.REDACTED, block("redacted_thinking").put("data", s.encrypted().get()));
      openComplete = true;
    }
  }

  private void toolArguments(StreamEvent.ToolCallDelta d) {
    Integer index = toolBlocks.get(d.toolIndex());
    if (index == null || d.argumentsFragment().isEmpty()) {
      return; // no call started under that index: there is no block to put the fragment in
    }
    ObjectNode event = JsonTrees.object().put("type", "content_block_delta").put("index", index);
    event.set("delta", delta("input_json_delta").put("partial_json", d.argumentsFragment()));
    write("content_block_delta", event);
  }

  private void end() {
    close();
    ended = true;
    ObjectNode event = JsonTrees.object().put("type", "message_delta");
    ObjectNode delta = event.putObject("delta").put("stop_reason", AnthropicStopReasons.toAnthropic(reason));
    if (stopSequence.isPresent()) {
      delta.put("stop_sequence", stopSequence.get());
    } else {
      delta.putNull("stop_sequence");
    }
    event.set("usage", AnthropicUsage.toJson(usage));
    write("message_delta", event);
    write("message_stop", JsonTrees.object().put("type", "message_stop"));
  }

  /** Opens a block of {@code kind} unless one is open and still takes content. */
  private void open(Kind kind, ObjectNode contentBlock) {
    if (openKind == kind && !openComplete && kind != Kind.TOOL) {
      return;
    }
    close();
    openKind = kind;
    openIndex = nextIndex++;
    openComplete = false;
    ObjectNode event = JsonTrees.object().put("type", "content_block_start").put("index", openIndex);
    event.set("content_block", contentBlock);
    write("content_block_start", event);
  }

  private void close() {
    if (openKind != null) {
      ObjectNode event = JsonTrees.object().put("type", "content_block_stop");
      write("content_block_stop", event.put("index", openIndex));
      openKind = null;
    }
  }

  private void delta(ObjectNode delta) {
    ObjectNode event = JsonTrees.object().put("type", "content_block_delta").put("index", openIndex);
    event.set("delta", delta);
    write("content_block_delta", event);
  }

  private static ObjectNode block(String type) {
    return JsonTrees.object().put("type", type);
  }

  private static ObjectNode delta(String type) {
    return JsonTrees.object().put("type", type);
  }

  private void write(String type, ObjectNode data) {
    out.writeBytes(("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(JsonTrees.bytes(data));
    out.writeBytes(new byte[] {'\n', '\n'});
  }
}
