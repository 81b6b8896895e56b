package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.protocol.JsonWriting;
import java.io.IOException;

/** The part of a {@code chat.completion.chunk} every writer of OpenAI streams shares: its one choice. */
public final class OpenAiChunks {
  private OpenAiChunks() {}

  /** Writes {@code "choices":[{"index","delta":{…},"logprobs":null,"finish_reason"}]}. */
  public static void writeChoice(JsonGenerator json, int index, JsonWriting.Content delta, String finishReason)
      throws IOException {
    json.writeArrayFieldStart("choices");
    json.writeStartObject();
    json.writeNumberField("index", index);
    json.writeObjectFieldStart("delta");
    delta.writeTo(json);
    json.writeEndObject();
    json.writeNullField("logprobs");
    if (finishReason == null) {
      json.writeNullField("finish_reason");
    } else {
      json.writeStringField("finish_reason", finishReason);
    }
    json.writeEndObject();
    json.writeEndArray();
  }
}
