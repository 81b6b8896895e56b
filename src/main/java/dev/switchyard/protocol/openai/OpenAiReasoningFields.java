package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.Item;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reasoning fields of an OpenAI-style assistant message, which OpenAI itself does not define:
 * OpenAI-compatible providers and gateways each added their own, and Switchyard reads them all.
 *
 * <ul>
 *   <li>{@code reasoning_content}: the reasoning text (DeepSeek, vLLM, Qwen, LiteLLM).
 *   <li>{@code reasoning}: the same text under another name (OpenRouter, vLLM, Groq).
 *   <li>{@code thinking_blocks}: LiteLLM's list of Anthropic-shaped blocks,
 *       {@code {"type":"thinking","thinking","signature"}} and
 *       {@code {"type":"redacted_thinking","data"}}.
 *   <li>{@code reasoning_details}: OpenRouter's list, {@code {"type":"reasoning.text","text",
 *       "signature"}}, {@code {"type":"reasoning.encrypted","data"}} and
 *       {@code {"type":"reasoning.summary","summary"}}.
 * </ul>
 *
 * <p>Switchyard writes {@code reasoning_content} (every block's text, joined) and, when a block is
 * signed or encrypted or there is more than one, {@code thinking_blocks} with one entry per
 * canonical reasoning item, so a client that sends the assistant message back unchanged keeps its
 * signatures and multi-turn tool use with thinking works. Reading, the structured lists win over
 * the plain text, which they repeat.
 */
final class OpenAiReasoningFields {
  static final String CONTENT = "reasoning_content";
  static final String BLOCKS = "thinking_blocks";

  private OpenAiReasoningFields() {}

  /** Whether {@code field} is one of the reasoning fields read here. */
  static boolean isReasoningField(String field) {
    return switch (field) {
      case CONTENT, "reasoning", BLOCKS, "reasoning_details" -> true;
      default -> false;
    };
  }

  /** The reasoning items an assistant message carries, in order. */
  static List<Item.Reasoning> read(JsonNode message) {
    List<Item.Reasoning> items = new ArrayList<>();
    JsonNode blocks = message.path(BLOCKS);
    JsonNode details = message.path("reasoning_details");
    if (blocks.isArray() && !blocks.isEmpty()) {
      for (JsonNode block : blocks) {
        items.add(new Item.Reasoning(block.path("thinking").asText(""), text(block, "signature"),
            text(block, "data")));
      }
    } else if (details.isArray() && !details.isEmpty()) {
      for (JsonNode detail : details) {
        String text = detail.hasNonNull("text")
            ? detail.path("text").asText() : detail.path("summary").asText("");
        items.add(new Item.Reasoning(text, text(detail, "signature"), text(detail, "data")));
      }
    } else {
      Optional<String> text = text(message, CONTENT).or(() -> text(message, "reasoning"));
      text.filter(t -> !t.isEmpty())
          .ifPresent(t -> items.add(new Item.Reasoning(t, Optional.empty(), Optional.empty())));
    }
    return items;
  }

  /** Writes the reasoning fields of a message for {@code items}; nothing when there are none. */
  static void write(JsonGenerator json, List<Item.Reasoning> items) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    boolean structured = items.size() > 1;
    for (Item.Reasoning item : items) {
      text.append(item.text());
      structured |= item.signature().isPresent() || item.encrypted().isPresent();
    }
    json.writeStringField(CONTENT, text.toString());
    if (structured) {
      json.writeArrayFieldStart(BLOCKS);
      for (Item.Reasoning item : items) {
        writeBlock(json, item);
      }
      json.writeEndArray();
    }
  }

  /** One {@code thinking_blocks} entry: Anthropic's thinking or redacted_thinking shape. */
  static void writeBlock(JsonGenerator json, Item.Reasoning item) throws IOException {
    json.writeStartObject();
    if (item.encrypted().isPresent()) {
      json.writeStringField("type", "redacted_thinking");
      json.writeStringField("data", item.encrypted().get());
      if (!item.text().isEmpty()) {
        json.writeStringField("thinking", item.text());
      }
    } else {
      json.writeStringField("type", "thinking");
      json.writeStringField("thinking", item.text());
    }
    if (item.signature().isPresent()) {
      json.writeStringField("signature", item.signature().get());
    }
    json.writeEndObject();
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
