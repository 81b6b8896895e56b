package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.SignatureOrigin;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A canonical conversation as Anthropic's top-level {@code system} and alternating
 * {@code messages}. System and developer text goes to {@code system} — also when it comes after the
 * conversation began, which is named as dropped since it loses its place: Anthropic's own
 * mid-conversation system messages are taken by Claude Opus 4.8 only, on Anthropic's API and not on
 * Bedrock, Vertex AI or Foundry, and only right after a user turn, so the top-level system is the
 * place every Claude model takes, with a system instruction's authority. Consecutive items of one
 * side are merged into one message, as Anthropic requires (reasoning, text and tool calls into one
 * assistant message in order; tool results and user content into one user message, tool results
 * first). Empty text parts are left out: Anthropic rejects empty text blocks and they carry nothing.
 * Reasoning with neither a signature nor an encrypted form is left out too (and named as dropped):
 * Anthropic rejects an unsigned thinking block, and ignores earlier turns' thinking anyway — unless a signature alone
 * follows it, which signs it: Gemini's wire puts a signature on the part after the thoughts, so a
 * Gemini client's history holds Anthropic's thinking as unsigned text and then the signature.
 */
final class CanonicalMessagesToAnthropic {
  private final ArrayNode system = JsonTrees.MAPPER.createArrayNode();
  private final ArrayNode messages = JsonTrees.MAPPER.createArrayNode();
  private final Set<String> callIds = new HashSet<>();
  /** Reasoning text without a signature, waiting for a signature alone to follow it. */
  private final StringBuilder unsigned = new StringBuilder();
  /** Where the waiting unsigned reasoning began, to name it if it is left out. */
  private int unsignedAt = -1;
  private final List<String> dropped = new ArrayList<>();
  private int index;

  /**
   * The two halves of the rendering; {@code system} is empty when the conversation has none.
   *
   * @param dropped what was left out, named by its place in the canonical conversation
   */
  record Rendered(ArrayNode system, ArrayNode messages, List<String> dropped) {}

  private CanonicalMessagesToAnthropic() {}

  static Rendered render(List<Item> items) {
    CanonicalMessagesToAnthropic renderer = new CanonicalMessagesToAnthropic();
    for (Item item : items) {
      renderer.add(item);
      renderer.index++;
    }
    renderer.leaveOutUnsigned();
    return new Rendered(renderer.system, renderer.messages, List.copyOf(renderer.dropped));
  }

  private void add(Item item) {
    if (item instanceof Item.Reasoning r && r.signature().filter(SignatureOrigin::isGemini).isPresent()) {
      dropped.add("items[" + index + "] (a thinking signature from another provider: Anthropic takes back only "
          + "its own)");
      item = new Item.Reasoning(r.text(), Optional.empty(), r.encrypted());
    }
    if (item instanceof Item.Reasoning r && r.signature().isEmpty() && r.encrypted().isEmpty()) {
      if (unsigned.isEmpty() && !r.text().isEmpty()) {
        unsignedAt = index;
      }
      unsigned.append(r.text());
      return;
    }
    if (item instanceof Item.Reasoning r && r.text().isEmpty() && r.signature().isPresent()) {
      item = new Item.Reasoning(unsigned.toString(), r.signature(), Optional.empty());
      unsigned.setLength(0);
    }
    leaveOutUnsigned();
    switch (item) {
      case Item.Message m -> addMessage(m);
      case Item.ToolCall c -> {
        callIds.add(c.id());
        append("assistant", toolUse(c));
      }
      case Item.Reasoning r -> thinking(r).ifPresent(block -> append("assistant", block));
      case Item.ToolResult r -> addToolResult(r);
    }
  }

  /** Unsigned reasoning that no signature followed: Anthropic takes no unsigned thinking back. */
  private void leaveOutUnsigned() {
    if (!unsigned.isEmpty()) {
      dropped.add("items[" + unsignedAt + "] (reasoning without a signature: Anthropic takes only signed "
          + "thinking back)");
    }
    unsigned.setLength(0);
  }

  private void addMessage(Item.Message message) {
    boolean instruction = message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER;
    if (instruction && !messages.isEmpty()) {
      dropped.add("items[" + index + "] (" + role(message.role()) + " message after the conversation began: "
          + "moved into Anthropic's top-level system, losing its place)");
    }
    for (int i = 0; i < message.content().size(); i++) {
      ContentPart part = message.content().get(i);
      if (part instanceof ContentPart.Image image && image.detail().isPresent()) {
        dropped.add("items[" + index + "].content[" + i + "].detail");
      }
      if (part instanceof ContentPart.Text text && text.text().isEmpty()) {
        continue;
      }
      if (instruction) {
        if (!(part instanceof ContentPart.Text text)) {
          throw GatewayException.invalidRequest("messages", "A " + role(message.role())
              + " message may hold only text for Anthropic, but one holds " + kind(part) + ".");
        }
        system.add(CanonicalContentToAnthropic.text(text.text()));
      } else if (message.role() == Role.ASSISTANT) {
        if (!(part instanceof ContentPart.Text text)) {
          throw GatewayException.invalidRequest("messages",
              "An assistant message may hold only text for Anthropic, but one holds " + kind(part) + ".");
        }
        append("assistant", CanonicalContentToAnthropic.text(text.text()));
      } else {
        append("user", CanonicalContentToAnthropic.block(part));
      }
    }
  }

  private void addToolResult(Item.ToolResult result) {
    if (!callIds.contains(result.callId())) {
      throw GatewayException.invalidRequest("messages", "The tool result for call '" + result.callId()
          + "' answers no earlier tool call in the conversation.");
    }
    ObjectNode block = JsonTrees.object().put("type", "tool_result");
    block.put("tool_use_id", result.callId());
    List<ContentPart> content = result.content();
    if (content.size() == 1 && content.get(0) instanceof ContentPart.Text text) {
      block.put("content", text.text());
    } else if (!content.isEmpty()) {
      ArrayNode blocks = block.putArray("content");
      content.forEach(part -> blocks.add(CanonicalContentToAnthropic.block(part)));
    }
    if (result.isError()) {
      block.put("is_error", true);
    }
    ArrayNode target = contentOf("user");
    int firstOther = 0;
    while (firstOther < target.size() && target.get(firstOther).path("type").asText().equals("tool_result")) {
      firstOther++;
    }
    target.insert(firstOther, block);
  }

  private static ObjectNode toolUse(Item.ToolCall call) {
    ObjectNode block = JsonTrees.object().put("type", "tool_use");
    block.put("id", call.id()).put("name", call.name());
    block.set("input", arguments(call));
    return block;
  }

  /** The arguments as a JSON object; empty arguments (as some clients send them) are {@code {}}. */
  private static JsonNode arguments(Item.ToolCall call) {
    if (call.arguments() == null || call.arguments().isBlank()) {
      return JsonTrees.object();
    }
    JsonNode input;
    try {
      input = JsonTrees.MAPPER.readTree(call.arguments());
    } catch (IOException e) {
      input = null;
    }
    if (input == null || !input.isObject()) {
      throw GatewayException.invalidRequest("messages", "The arguments of tool call '" + call.id() + "' ("
          + call.name() + ") are not a JSON object, which Anthropic's tool_use input must be.");
    }
    return input;
  }

  private static Optional<ObjectNode> thinking(Item.Reasoning reasoning) {
    if (reasoning.signature().isPresent()) {
      ObjectNode block = JsonTrees.object().put("type", "thinking");
      block.put("thinking", reasoning.text()).put("signature", reasoning.signature().get());
      return Optional.of(block);
    }
    if (reasoning.encrypted().isPresent()) {
      ObjectNode block = JsonTrees.object().put("type", "redacted_thinking");
      return Optional.of(block.put("data", reasoning.encrypted().get()));
    }
    return Optional.empty();
  }

  private void append(String role, ObjectNode block) {
    contentOf(role).add(block);
  }

  /** The content of the last message when it is {@code role}'s, else of a new message. */
  private ArrayNode contentOf(String role) {
    if (!messages.isEmpty() && messages.get(messages.size() - 1).path("role").asText().equals(role)) {
      return (ArrayNode) messages.get(messages.size() - 1).get("content");
    }
    ObjectNode message = messages.addObject().put("role", role);
    return message.putArray("content");
  }

  private static String role(Role role) {
    return role == Role.SYSTEM ? "system" : "developer";
  }

  private static String kind(ContentPart part) {
    return switch (part) {
      case ContentPart.Text t -> "text";
      case ContentPart.Image i -> "an image";
      case ContentPart.Document d -> "a document";
    };
  }
}
