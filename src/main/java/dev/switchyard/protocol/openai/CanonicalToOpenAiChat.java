package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.JsonWriting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical {@link ChatResponse} to OpenAI's {@code chat.completion} JSON, named with the model
 * the client asked for. Each candidate is one choice whose message has the candidate's text joined
 * as {@code content} (null when the model only called tools), {@code refusal: null}, its
 * {@code tool_calls}, and its reasoning in the fields {@link OpenAiReasoningFields} describes,
 * never mixed into {@code content}. Media an assistant produced has no place in a chat completion
 * and is listed as dropped.
 */
public final class CanonicalToOpenAiChat {
  private CanonicalToOpenAiChat() {}

  /**
   * @param clientModel the model name the client sent, which OpenAI clients expect back
   * @param created the Unix time in seconds of the answer
   */
  public static Translation<byte[]> response(ChatResponse response, String clientModel, long created) {
    List<String> dropped = new ArrayList<>();
    byte[] body = JsonWriting.json(json -> {
      json.writeStartObject();
      json.writeStringField("id", JsonOut.completionId(response.id()));
      json.writeStringField("object", "chat.completion");
      json.writeNumberField("created", created);
      json.writeStringField("model", clientModel);
      json.writeArrayFieldStart("choices");
      for (ChatResponse.Candidate candidate : response.candidates()) {
        choice(json, candidate, dropped);
      }
      json.writeEndArray();
      if (response.usage().isPresent()) {
        JsonOut.writeUsage(json, response.usage().get());
      }
      json.writeEndObject();
    });
    return new Translation<>(body, dropped);
  }

  private static void choice(JsonGenerator json, ChatResponse.Candidate candidate, List<String> dropped)
      throws IOException {
    String path = "choices[" + candidate.index() + "]";
    StringBuilder text = new StringBuilder();
    boolean anyText = false;
    List<Item.Reasoning> reasoning = new ArrayList<>();
    List<Item.ToolCall> calls = new ArrayList<>();
    for (Item item : candidate.items()) {
      switch (item) {
        case Item.Message message -> {
          for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Text t) {
              text.append(t.text());
              anyText = true;
            } else {
              dropped.add(path + ".message.content (" + part.getClass().getSimpleName().toLowerCase() + ")");
            }
          }
        }
        case Item.Reasoning r -> reasoning.add(r);
        case Item.ToolCall call -> calls.add(call);
        case Item.ToolResult result -> dropped.add(path + ".message (tool result " + result.callId() + ")");
      }
    }
    json.writeStartObject();
    json.writeNumberField("index", candidate.index());
    json.writeObjectFieldStart("message");
    json.writeStringField("role", "assistant");
    if (!anyText && !calls.isEmpty()) {
      json.writeNullField("content");
    } else {
      json.writeStringField("content", text.toString());
    }
    json.writeNullField("refusal");
    OpenAiReasoningFields.write(json, reasoning);
    if (!calls.isEmpty()) {
      json.writeArrayFieldStart("tool_calls");
      for (Item.ToolCall call : calls) {
        writeToolCall(json, call);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    json.writeNullField("logprobs");
    json.writeStringField("finish_reason", OpenAiFinishReasons.toOpenAi(candidate.finishReason()));
    json.writeEndObject();
  }

  static void writeToolCall(JsonGenerator json, Item.ToolCall call) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", call.id());
    json.writeStringField("type", "function");
    json.writeObjectFieldStart("function");
    json.writeStringField("name", call.name());
    json.writeStringField("arguments", arguments(call.arguments()));
    json.writeEndObject();
    json.writeEndObject();
  }

  /** OpenAI clients parse arguments as JSON, so a call without any has an empty object. */
  static String arguments(String arguments) {
    return arguments.isBlank() ? "{}" : arguments;
  }
}
