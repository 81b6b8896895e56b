package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Anthropic content blocks as canonical items, in order: runs of text and media become one
 * message, and each thinking, redacted thinking, tool use and tool result block its own item. A
 * {@code system} message inside {@code messages} (a mid-conversation system message) stays where it
 * is, as a system message of text.
 * Citations and {@code cache_control} marks have no canonical place and are dropped: they annotate
 * content without changing it. A block type with no canonical equivalent (server tools' blocks,
 * search results...) is an error naming it: a 400 in a client's request, a 502 in an upstream's
 * answer.
 */
final class AnthropicContentToCanonical {
  private final Role role;
  private final Function<String, GatewayException> unsupported;
  private final List<Item> items = new ArrayList<>();
  private final List<ContentPart> pending = new ArrayList<>();

  private AnthropicContentToCanonical(Role role, Function<String, GatewayException> unsupported) {
    this.role = role;
    this.unsupported = unsupported;
  }

  /** A request's {@code messages}. */
  static List<Item> messages(JsonNode messages) {
    if (!messages.isArray()) {
      throw GatewayException.invalidRequest("messages", "The 'messages' parameter must be an array.");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      Role canonical = switch (role) {
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        case "system" -> Role.SYSTEM; // a mid-conversation system message, kept at its place
        default -> throw GatewayException.invalidRequest("messages",
            "The message role '" + role + "' is not user, assistant or system.");
      };
      String where = switch (canonical) {
        case USER -> "a user message";
        case SYSTEM -> "a system message";
        default -> "an assistant message";
      };
      AnthropicContentToCanonical turn = new AnthropicContentToCanonical(canonical, what ->
          GatewayException.invalidRequest("messages", "The " + what + " in " + where
              + " has no equivalent on the model's provider."));
      items.addAll(turn.read(message.path("content")));
    }
    return items;
  }

  /** An upstream answer's {@code content}. */
  static List<Item> answer(JsonNode content) {
    return new AnthropicContentToCanonical(Role.ASSISTANT, what -> GatewayException.badGateway(
        "The Anthropic answer holds a " + what + ", which cannot be translated."))
        .read(content);
  }

  private List<Item> read(JsonNode content) {
    if (content.isTextual()) {
      pending.add(ContentPart.text(content.asText()));
    } else if (content.isArray()) {
      content.forEach(this::block);
    } else {
      throw GatewayException.invalidRequest("messages", "A message's content must be a string or an array.");
    }
    flush();
    return items;
  }

  private void block(JsonNode block) {
    String type = block.path("type").asText();
    if (type.equals("text")) {
      pending.add(ContentPart.text(block.path("text").asText()));
      return;
    }
    if (role == Role.SYSTEM) { // Anthropic takes text only in system messages, as in the top-level system
      throw unsupported.apply(blockType(type));
    }
    if (role == Role.USER) {
      switch (type) {
        case "image", "document" -> pending.add(media(block, unsupported));
        case "tool_result" -> add(toolResult(block));
        default -> throw unsupported.apply(blockType(type));
      }
      return;
    }
    switch (type) {
      case "thinking" -> add(new Item.Reasoning(block.path("thinking").asText(),
          JsonTrees.string(block, "signature").filter(s -> !s.isEmpty()), Optional.empty()));
      case "redacted_thinking" ->
          add(new Item.Reasoning("", Optional.empty(), JsonTrees.string(block, "data")));
      case "tool_use" -> add(new Item.ToolCall(block.path("id").asText(), block.path("name").asText(),
          JsonTrees.text(block.path("input").isObject() ? block.get("input") : JsonTrees.object())));
      default -> throw unsupported.apply(blockType(type));
    }
  }

  private static String blockType(String type) {
    return "content block type '" + type + "'";
  }

  private Item.ToolResult toolResult(JsonNode block) {
    JsonNode content = block.path("content");
    List<ContentPart> parts = new ArrayList<>();
    if (content.isTextual()) {
      parts.add(ContentPart.text(content.asText()));
    } else if (content.isArray()) {
      for (JsonNode part : content) {
        String type = part.path("type").asText();
        switch (type) {
          case "text" -> parts.add(ContentPart.text(part.path("text").asText()));
          case "image", "document" -> parts.add(media(part, unsupported));
          default -> throw unsupported.apply(blockType(type) + " inside a tool_result");
        }
      }
    }
    boolean isError = block.path("is_error").asBoolean(false);
    return new Item.ToolResult(block.path("tool_use_id").asText(), parts, isError);
  }

  /** An image or document block as a content part. */
  static ContentPart media(JsonNode block, Function<String, GatewayException> unsupported) {
    JsonNode source = block.path("source");
    String sourceType = source.path("type").asText();
    boolean image = block.path("type").asText().equals("image");
    MediaSource media = switch (sourceType) {
      case "base64" ->
          new MediaSource.Base64(source.path("media_type").asText(), source.path("data").asText());
      case "url" -> new MediaSource.Url(source.path("url").asText());
      case "file" -> new MediaSource.FileId(source.path("file_id").asText());
      case "text" -> {
        if (image) {
          throw unsupported.apply("image source type 'text'");
        }
        String data = source.path("data").asText();
        yield new MediaSource.Base64("text/plain",
            Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
      }
      default -> throw unsupported.apply(block.path("type").asText() + " source type '" + sourceType + "'");
    };
    return image ? new ContentPart.Image(media, Optional.empty())
        : new ContentPart.Document(media, JsonTrees.string(block, "title"));
  }

  private void add(Item item) {
    flush();
    items.add(item);
  }

  /** Consecutive text and media parts make one message. */
  private void flush() {
    if (!pending.isEmpty()) {
      items.add(new Item.Message(role, pending));
      pending.clear();
    }
  }
}
