package dev.switchyard.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.protocol.JsonWriting;
import dev.switchyard.protocol.openai.OpenAiChunks;
import dev.switchyard.simulator.SimulatedChat.Choice;
import dev.switchyard.simulator.SimulatedChat.Completion;
import dev.switchyard.simulator.SimulatedChat.ToolCall;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a simulated completion in OpenAI's exact wire shapes: a {@code chat.completion} body,
 * or the {@code chat.completion.chunk} events of a stream (role, one chunk per token, finish,
 * the usage-only chunk when asked for, then {@code [DONE]}).
 */
final class ChatCompletionWriter {
  static final String FINGERPRINT = "fp_simulator";
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

  private ChatCompletionWriter() {}

  static Buffer body(Completion completion) {
    return JsonOut.json(json -> {
      json.writeStartObject();
      json.writeStringField("id", completion.id());
      json.writeStringField("object", "chat.completion");
      json.writeNumberField("created", completion.created());
      json.writeStringField("model", completion.model());
      json.writeArrayFieldStart("choices");
      for (Choice choice : completion.choices()) {
        json.writeStartObject();
        json.writeNumberField("index", choice.index());
        json.writeObjectFieldStart("message");
        json.writeStringField("role", "assistant");
        if (choice.toolCall().isPresent()) {
          ToolCall call = choice.toolCall().get();
          json.writeNullField("content");
          json.writeArrayFieldStart("tool_calls");
          json.writeStartObject();
          json.writeStringField("id", call.id());
          json.writeStringField("type", "function");
          json.writeObjectFieldStart("function");
          json.writeStringField("name", call.name());
          json.writeStringField("arguments", call.arguments());
          json.writeEndObject();
          json.writeEndObject();
          json.writeEndArray();
        } else {
          json.writeStringField("content", choice.content());
        }
        json.writeNullField("refusal");
        json.writeArrayFieldStart("annotations");
        json.writeEndArray();
        json.writeEndObject();
        json.writeNullField("logprobs");
        json.writeStringField("finish_reason", choice.finishReason());
        json.writeEndObject();
      }
      json.writeEndArray();
      writeUsage(json, completion);
      json.writeStringField("service_tier", "default");
      json.writeStringField("system_fingerprint", FINGERPRINT);
      json.writeEndObject();
    });
  }

  /** The stream's events in order; token chunks are paced, the others follow at once. */
  static List<SimulatedStream.Item> events(Completion completion) {
    List<SimulatedStream.Item> events = new ArrayList<>();
    for (Choice choice : completion.choices()) {
      if (choice.toolCall().isPresent()) {
        ToolCall call = choice.toolCall().get();
        events.add(unpaced(chunk(completion, choice.index(), null, json -> {
          json.writeStringField("role", "assistant");
          json.writeNullField("content");
          json.writeArrayFieldStart("tool_calls");
          json.writeStartObject();
          json.writeNumberField("index", 0);
          json.writeStringField("id", call.id());
          json.writeStringField("type", "function");
          json.writeObjectFieldStart("function");
          json.writeStringField("name", call.name());
          json.writeStringField("arguments", "");
          json.writeEndObject();
          json.writeEndObject();
          json.writeEndArray();
          json.writeNullField("refusal");
        })));
        for (String fragment : call.argumentFragments()) {
          events.add(paced(chunk(completion, choice.index(), null, json -> {
            json.writeArrayFieldStart("tool_calls");
            json.writeStartObject();
            json.writeNumberField("index", 0);
            json.writeObjectFieldStart("function");
            json.writeStringField("arguments", fragment);
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
          })));
        }
      } else {
        events.add(unpaced(chunk(completion, choice.index(), null, json -> {
          json.writeStringField("role", "assistant");
          json.writeStringField("content", "");
          json.writeNullField("refusal");
        })));
        for (String token : choice.tokens()) {
          events.add(paced(chunk(completion, choice.index(), null, json -> json.writeStringField("content", token))));
        }
      }
      events.add(unpaced(chunk(completion, choice.index(), choice.finishReason(), json -> { })));
    }
    if (completion.includeUsage()) {
      events.add(unpaced(JsonOut.event(json -> {
        writeChunkHead(json, completion);
        json.writeArrayFieldStart("choices");
        json.writeEndArray();
        writeUsage(json, completion);
        json.writeEndObject();
      })));
    }
    events.add(unpaced(DONE.copy()));
    return events;
  }

  private static Buffer chunk(Completion completion, int index, String finishReason, JsonWriting.Content delta) {
    return JsonOut.event(json -> {
      writeChunkHead(json, completion);
      OpenAiChunks.writeChoice(json, index, delta, finishReason);
      if (completion.includeUsage()) {
        json.writeNullField("usage"); // OpenAI marks every chunk so when usage will come at the end
      }
      json.writeEndObject();
    });
  }

  private static void writeChunkHead(JsonGenerator json, Completion completion) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", completion.id());
    json.writeStringField("object", "chat.completion.chunk");
    json.writeNumberField("created", completion.created());
    json.writeStringField("model", completion.model());
    json.writeStringField("service_tier", "default");
    json.writeStringField("system_fingerprint", FINGERPRINT);
  }

  private static void writeUsage(JsonGenerator json, Completion completion) throws IOException {
    int prompt = completion.promptTokens();
    int output = completion.completionTokens();
    json.writeObjectFieldStart("usage");
    json.writeNumberField("prompt_tokens", prompt);
    json.writeNumberField("completion_tokens", output);
    json.writeNumberField("total_tokens", prompt + output);
    json.writeObjectFieldStart("prompt_tokens_details");
    json.writeNumberField("cached_tokens", 0);
    json.writeNumberField("audio_tokens", 0);
    json.writeEndObject();
    json.writeObjectFieldStart("completion_tokens_details");
    json.writeNumberField("reasoning_tokens", 0);
    json.writeNumberField("audio_tokens", 0);
    json.writeNumberField("accepted_prediction_tokens", 0);
    json.writeNumberField("rejected_prediction_tokens", 0);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static SimulatedStream.Item paced(Buffer data) {
    return new SimulatedStream.Item(data, true);
  }

  private static SimulatedStream.Item unpaced(Buffer data) {
    return new SimulatedStream.Item(data, false);
  }
}
