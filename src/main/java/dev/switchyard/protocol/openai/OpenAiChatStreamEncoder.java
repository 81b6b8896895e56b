package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.protocol.JsonWriting;
import dev.switchyard.protocol.StreamEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Canonical stream events to OpenAI {@code chat.completion.chunk} Server-Sent Events, one buffer
 * per event, shaped as OpenAI streams them: a first chunk with {@code role: assistant} and empty
 * content (null content and the first tool call when the answer starts with one, as OpenAI does);
 * text in {@code content}; reasoning in {@code reasoning_content}, and each signed or
 * encrypted reasoning block once complete as a {@code thinking_blocks} entry (see
 * {@link OpenAiReasoningFields}); tool calls by {@code index}, the first delta of a call with its
 * id, type, name and empty arguments, later ones with argument fragments only; a chunk with the
 * finish reason; the usage chunk with {@code "choices":[]} only when the client asked for it (and
 * then {@code "usage":null} on every other chunk); {@code data: [DONE]}. A failure becomes an
 * {@code {"error":{...}}} event, which the OpenAI SDKs raise as an error, and ends the stream.
 */
public final class OpenAiChatStreamEncoder implements StreamEncoder {
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  private final String model;
  private final long created;
  private final boolean includeUsage;
  private final Consumer<Buffer> out;
  private final Map<Integer, Choice> choices = new HashMap<>();
  private String id = "chatcmpl-switchyard";
  private Usage usage;
  private boolean finished;

  /** What the encoder keeps per choice. */
  private static final class Choice {
    boolean roleSent;
    final StringBuilder reasoning = new StringBuilder();
    /** Tool calls by index, and whether any argument text was sent for them. */
    final Map<Integer, Boolean> toolArguments = new TreeMap<>();
  }

  /**
   * @param model the model name the client asked for
   * @param created the Unix time in seconds every chunk carries
   * @param includeUsage whether the client asked for {@code stream_options.include_usage}
   */
  public OpenAiChatStreamEncoder(String model, long created, boolean includeUsage, Consumer<Buffer> out) {
    this.model = model;
    this.created = created;
    this.includeUsage = includeUsage;
    this.out = out;
  }

  /** True once the stream has ended, normally or with an error; later events are ignored. */
  public boolean isFinished() {
    return finished;
  }

  @Override
  public void accept(StreamEvent event) {
    if (finished) {
      return;
    }
    switch (event) {
      case StreamEvent.Start start -> {
        id = JsonOut.completionId(start.id());
        start.usage().ifPresent(u -> usage = u);
      }
      case StreamEvent.TextDelta text -> {
        choice(text.candidate());
        if (!text.text().isEmpty()) {
          chunk(text.candidate(), json -> json.writeStringField("content", text.text()), null);
        }
      }
      case StreamEvent.ReasoningDelta reasoning -> {
        choice(reasoning.candidate()).reasoning.append(reasoning.text());
        if (!reasoning.text().isEmpty()) {
          chunk(reasoning.candidate(),
              json -> json.writeStringField(OpenAiReasoningFields.CONTENT, reasoning.text()), null);
        }
      }
      case StreamEvent.ReasoningSignature signature -> reasoningBlock(signature);
      case StreamEvent.ToolCallStart call -> toolCallStart(call);
      case StreamEvent.ToolCallDelta delta -> {
        if (!delta.argumentsFragment().isEmpty()) {
          choice(delta.candidate()).toolArguments.put(delta.toolIndex(), true);
          chunk(delta.candidate(),
              json -> toolCallDelta(json, delta.toolIndex(), null, null, delta.argumentsFragment()), null);
        }
      }
      case StreamEvent.Finish finish -> finish(finish);
      case StreamEvent.UsageReport report -> usage = report.usage();
      case StreamEvent.End end -> end();
      case StreamEvent.Failure failure -> {
        out.accept(Buffer.buffer(JsonWriting.event(json -> {
          json.writeStartObject();
          json.writeObjectFieldStart("error");
          json.writeStringField("message", failure.message());
          if (failure.isInterruption()) { // as a passthrough says it: an upstream error, coded
            json.writeStringField("type", OpenAiErrors.type(ErrorKind.ofStatus(failure.status())));
            json.writeNullField("param");
            json.writeStringField("code", failure.type());
          } else {
            json.writeStringField("type", failure.type());
            json.writeNullField("param");
            json.writeNullField("code");
          }
          json.writeEndObject();
          json.writeEndObject();
        })));
        finished = true;
      }
    }
  }

  @Override
  public void finish() {
    if (!finished) {
      accept(StreamEvent.Failure.interrupted("The upstream stream broke off before its end."));
    }
  }

  /** The choice's state; its first chunk (role and empty content) goes out on first use. */
  private Choice choice(int index) {
    Choice choice = choices.computeIfAbsent(index, i -> new Choice());
    if (!choice.roleSent) {
      choice.roleSent = true;
      chunk(index, json -> {
        json.writeStringField("role", "assistant");
        json.writeStringField("content", "");
        json.writeNullField("refusal");
      }, null);
    }
    return choice;
  }

  /**
   * A tool call's first delta. When the answer starts with it, the role goes in the same chunk with
   * null content, as OpenAI sends it, so clients see no content rather than an empty one.
   */
  private void toolCallStart(StreamEvent.ToolCallStart call) {
    Choice choice = choices.computeIfAbsent(call.candidate(), i -> new Choice());
    boolean first = !choice.roleSent;
    choice.roleSent = true;
    choice.toolArguments.put(call.toolIndex(), false);
    chunk(call.candidate(), json -> {
      if (first) {
        json.writeStringField("role", "assistant");
        json.writeNullField("content");
      }
      toolCallDelta(json, call.toolIndex(), call.id(), call.name(), "");
      if (first) {
        json.writeNullField("refusal");
      }
    }, null);
  }

  private void reasoningBlock(StreamEvent.ReasoningSignature signature) {
    Choice choice = choice(signature.candidate());
    Item.Reasoning block = new Item.Reasoning(choice.reasoning.toString(), signature.signature(),
        signature.encrypted());
    choice.reasoning.setLength(0);
    chunk(signature.candidate(), json -> {
      json.writeArrayFieldStart(OpenAiReasoningFields.BLOCKS);
      OpenAiReasoningFields.writeBlock(json, block);
      json.writeEndArray();
    }, null);
  }

  private void finish(StreamEvent.Finish finish) {
    Choice choice = choice(finish.candidate());
    // OpenAI clients parse the arguments they gathered as JSON: a call that got none has "{}".
    for (Map.Entry<Integer, Boolean> call : choice.toolArguments.entrySet()) {
      if (!call.getValue()) {
        chunk(finish.candidate(), json -> toolCallDelta(json, call.getKey(), null, null, "{}"), null);
      }
    }
    choice.toolArguments.clear();
    chunk(finish.candidate(), json -> { }, OpenAiFinishReasons.toOpenAi(finish.reason()));
  }

  private void end() {
    if (includeUsage && usage != null) {
      Usage reported = usage;
      out.accept(Buffer.buffer(JsonWriting.event(json -> {
        header(json);
        json.writeArrayFieldStart("choices");
        json.writeEndArray();
        JsonOut.writeUsage(json, reported);
        json.writeEndObject();
      })));
    }
    out.accept(DONE.copy());
    finished = true;
  }

  private void chunk(int index, JsonWriting.Content delta, String finishReason) {
    out.accept(Buffer.buffer(JsonWriting.event(json -> {
      header(json);
      OpenAiChunks.writeChoice(json, index, delta, finishReason);
      if (includeUsage) {
        json.writeNullField("usage");
      }
      json.writeEndObject();
    })));
  }

  private void header(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id);
    json.writeStringField("object", "chat.completion.chunk");
    json.writeNumberField("created", created);
    json.writeStringField("model", model);
  }

  private static void toolCallDelta(JsonGenerator json, int index, String callId, String name,
      String arguments) throws IOException {
    json.writeArrayFieldStart("tool_calls");
    json.writeStartObject();
    json.writeNumberField("index", index);
    if (callId != null) {
      json.writeStringField("id", callId);
      json.writeStringField("type", "function");
    }
    json.writeObjectFieldStart("function");
    if (name != null) {
      json.writeStringField("name", name);
    }
    json.writeStringField("arguments", arguments);
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
  }
}
