package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical items to OpenAI chat {@code messages}. Each run of assistant items (reasoning, text,
 * tool calls) becomes one assistant message, as OpenAI wants every tool call of a turn answered
 * right after the message that made it; each tool result a {@code tool} message. OpenAI's tool
 * messages take text only, so images and documents of a run of tool results follow it in one user
 * message. What OpenAI has no place for (media by file id or URL where it takes none, a tool
 * result's error flag, reasoning when the provider takes none back) is listed as dropped.
 */
final class CanonicalItemsToOpenAiMessages {
  private static final String MEDIA_LIMITS = "OpenAI takes images by URL or inline only, documents "
      + "inline or by file id";

  private final JsonGenerator json;
  private final boolean sendReasoning;
  private final List<String> dropped;
  // The assistant message being gathered:
  private final List<Item.Reasoning> reasoning = new ArrayList<>();
  private final List<ContentPart> assistantContent = new ArrayList<>();
  private final List<Item.ToolCall> calls = new ArrayList<>();
  private boolean assistantOpen;
  private int assistantStart;
  // Media of the current run of tool results, for the user message after it:
  private final List<ContentPart> toolMedia = new ArrayList<>();

  private CanonicalItemsToOpenAiMessages(JsonGenerator json, boolean sendReasoning, List<String> dropped) {
    this.json = json;
    this.sendReasoning = sendReasoning;
    this.dropped = dropped;
  }

  static void write(JsonGenerator json, List<Item> items, boolean sendReasoning, List<String> dropped)
      throws IOException {
    CanonicalItemsToOpenAiMessages writer = new CanonicalItemsToOpenAiMessages(json, sendReasoning, dropped);
    json.writeArrayFieldStart("messages");
    for (int i = 0; i < items.size(); i++) {
      writer.item(items.get(i), i);
    }
    writer.flushAssistant();
    writer.flushToolMedia();
    json.writeEndArray();
  }

  private void item(Item item, int index) throws IOException {
    String path = "items[" + index + "]";
    if (!(item instanceof Item.ToolResult)) {
      flushToolMedia();
    }
    switch (item) {
      case Item.Reasoning r -> openAssistant(index).reasoning.add(r);
      case Item.ToolCall call -> openAssistant(index).calls.add(call);
      case Item.Message m when m.role() == Role.ASSISTANT ->
          openAssistant(index).assistantContent.addAll(m.content());
      case Item.Message m -> {
        flushAssistant();
        json.writeStartObject();
        json.writeStringField("role", m.role().name().toLowerCase());
        writeContent(m.content(), path, false);
        json.writeEndObject();
      }
      case Item.ToolResult result -> {
        flushAssistant();
        toolResult(result, path);
      }
    }
  }

  private CanonicalItemsToOpenAiMessages openAssistant(int index) {
    if (!assistantOpen) {
      assistantOpen = true;
      assistantStart = index;
    }
    return this;
  }

  private void flushAssistant() throws IOException {
    if (!assistantOpen) {
      return;
    }
    String path = "items[" + assistantStart + "]";
    json.writeStartObject();
    json.writeStringField("role", "assistant");
    if (assistantContent.isEmpty()) {
      json.writeNullField("content");
    } else {
      writeContent(assistantContent, path, true);
    }
    if (sendReasoning) {
      OpenAiReasoningFields.write(json, reasoning);
    } else if (!reasoning.isEmpty()) {
      dropped.add(path + " (reasoning: this provider takes none back)");
    }
    if (!calls.isEmpty()) {
      json.writeArrayFieldStart("tool_calls");
      for (Item.ToolCall call : calls) {
        CanonicalToOpenAiChat.writeToolCall(json, call);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    assistantOpen = false;
    reasoning.clear();
    assistantContent.clear();
    calls.clear();
  }

  private void toolResult(Item.ToolResult result, String path) throws IOException {
    List<ContentPart> text = new ArrayList<>();
    for (int i = 0; i < result.content().size(); i++) {
      ContentPart part = result.content().get(i);
      if (part instanceof ContentPart.Text) {
        text.add(part);
      } else if (fitsOpenAi(part)) {
        toolMedia.add(part);
      } else {
        dropped.add(path + ".content[" + i + "] (" + kind(part) + ": " + MEDIA_LIMITS + ")");
      }
    }
    if (result.isError()) {
      dropped.add(path + ".is_error");
    }
    json.writeStartObject();
    json.writeStringField("role", "tool");
    json.writeStringField("tool_call_id", result.callId());
    writeContent(text, path, false);
    json.writeEndObject();
  }

  private void flushToolMedia() throws IOException {
    if (toolMedia.isEmpty()) {
      return;
    }
    json.writeStartObject();
    json.writeStringField("role", "user");
    writeContent(toolMedia, "tool results", false);
    json.writeEndObject();
    toolMedia.clear();
  }

  /** A lone text is written as a plain string, as most clients send it; anything else as parts. */
  private void writeContent(List<ContentPart> content, String path, boolean textOnly) throws IOException {
    List<ContentPart> kept = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      ContentPart part = content.get(i);
      if (part instanceof ContentPart.Text || (!textOnly && fitsOpenAi(part))) {
        kept.add(part);
      } else {
        dropped.add(path + ".content[" + i + "] (" + kind(part)
            + (textOnly ? " in an assistant message)" : ": " + MEDIA_LIMITS + ")"));
      }
    }
    if (kept.isEmpty()) {
      json.writeStringField("content", "");
    } else if (kept.size() == 1 && kept.get(0) instanceof ContentPart.Text t) {
      json.writeStringField("content", t.text());
    } else {
      json.writeArrayFieldStart("content");
      for (ContentPart part : kept) {
        writePart(part);
      }
      json.writeEndArray();
    }
  }

  private static boolean fitsOpenAi(ContentPart part) {
    return switch (part) {
      case ContentPart.Text t -> true;
      case ContentPart.Image image -> !(image.source() instanceof MediaSource.FileId);
      case ContentPart.Document doc -> !(doc.source() instanceof MediaSource.Url);
    };
  }

  private void writePart(ContentPart part) throws IOException {
    json.writeStartObject();
    switch (part) {
      case ContentPart.Text t -> {
        json.writeStringField("type", "text");
        json.writeStringField("text", t.text());
      }
      case ContentPart.Image image -> {
        json.writeStringField("type", "image_url");
        json.writeObjectFieldStart("image_url");
        json.writeStringField("url", image.source() instanceof MediaSource.Base64 b
            ? DataUrls.format(b) : ((MediaSource.Url) image.source()).url());
        if (image.detail().isPresent()) {
          json.writeStringField("detail", image.detail().get());
        }
        json.writeEndObject();
      }
      case ContentPart.Document doc -> {
        json.writeStringField("type", "file");
        json.writeObjectFieldStart("file");
        if (doc.source() instanceof MediaSource.Base64 b) {
          json.writeStringField("file_data", DataUrls.format(b));
        } else {
          json.writeStringField("file_id", ((MediaSource.FileId) doc.source()).id());
        }
        if (doc.filename().isPresent()) {
          json.writeStringField("filename", doc.filename().get());
        }
        json.writeEndObject();
      }
    }
    json.writeEndObject();
  }

  private static String kind(ContentPart part) {
    return part.getClass().getSimpleName().toLowerCase();
  }
}
