package dev.switchyard.protocol.openai;

import static dev.switchyard.protocol.openai.OpenAiContentToCanonical.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.SignatureOrigin;
import dev.switchyard.error.GatewayException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI chat {@code messages} to canonical items, in order. An assistant message becomes its
 * reasoning, then its text (refusal included), then its tool calls; a {@code tool} message a tool
 * result. Legacy {@code function_call} / {@code function} messages become tool calls and results
 * too, with an id made up for the call and found again by function name for its result.
 */
final class OpenAiMessagesToCanonical {
  private static final Set<String> PLAIN_KEYS = Set.of("role", "content");
  private static final Set<String> ASSISTANT_KEYS = Set.of("role", "content", "refusal", "tool_calls",
      "function_call", OpenAiReasoningFields.CONTENT, "reasoning", OpenAiReasoningFields.BLOCKS,
      "reasoning_details");
  private static final Set<String> TOOL_KEYS = Set.of("role", "content", "tool_call_id");
  private static final Set<String> FUNCTION_KEYS = Set.of("role", "content", "name");
  private static final Set<String> TOOL_CALL_KEYS = Set.of("id", "type", "function", "index", "extra_content");

  private final List<String> dropped;
  private final List<Item> items = new ArrayList<>();
  /** Ids made up for legacy function calls that still wait for their result, by function name. */
  private final Map<String, ArrayDeque<String>> pendingFunctionCalls = new HashMap<>();

  private OpenAiMessagesToCanonical(List<String> dropped) {
    this.dropped = dropped;
  }

  static List<Item> items(JsonNode messages, List<String> dropped) {
    OpenAiMessagesToCanonical reader = new OpenAiMessagesToCanonical(dropped);
    for (int i = 0; i < messages.size(); i++) {
      reader.message(messages.get(i), "messages[" + i + "]");
    }
    return reader.items;
  }

  /** The items of one assistant message, such as a chat completion's {@code choices[].message}. */
  static List<Item> assistantItems(JsonNode message, String path, List<String> dropped) {
    OpenAiMessagesToCanonical reader = new OpenAiMessagesToCanonical(dropped);
    reader.assistant(message, path);
    return reader.items;
  }

  private void message(JsonNode message, String path) {
    String role = requiredText(message, "role", path);
    switch (role) {
      case "system" -> plain(Role.SYSTEM, message, path);
      case "developer" -> plain(Role.DEVELOPER, message, path);
      case "user" -> plain(Role.USER, message, path);
      case "assistant" -> assistant(message, path);
      case "tool" -> {
        String callId = requiredText(message, "tool_call_id", path);
        items.add(new Item.ToolResult(callId, content(message, path), false));
        reportOtherKeys(message, TOOL_KEYS, path);
      }
      case "function" -> function(message, path);
      default -> throw GatewayException.invalidRequest(path + ".role",
          "Invalid value for '" + path + ".role': '" + role + "' is not a chat message role.");
    }
  }

  private void plain(Role role, JsonNode message, String path) {
    items.add(new Item.Message(role, content(message, path)));
    reportOtherKeys(message, PLAIN_KEYS, path);
  }

  private void assistant(JsonNode message, String path) {
    List<Item.Reasoning> reasoning = OpenAiReasoningFields.read(message);
    items.addAll(reasoning);
    JsonNode content = message.path("content");
    List<ContentPart> parts = new ArrayList<>(content(message, path));
    if (message.path("refusal").isTextual()) {
      parts.add(ContentPart.text(message.path("refusal").asText()));
    }
    JsonNode toolCalls = message.path("tool_calls");
    if (!toolCalls.isArray() && !toolCalls.isMissingNode() && !toolCalls.isNull()) {
      // an object has a size too, but no elements by index
      throw GatewayException.invalidRequest(path + ".tool_calls",
          "Invalid type for '" + path + ".tool_calls': expected an array.");
    }
    JsonNode functionCall = message.path("function_call");
    boolean calls = (toolCalls.isArray() && !toolCalls.isEmpty()) || functionCall.isObject();
    // A message with nothing at all still counts as a turn, so it is kept as an empty one.
    boolean contentGiven = !(content.isNull() || content.isMissingNode());
    if (!parts.isEmpty() || contentGiven || (!calls && reasoning.isEmpty())) {
      items.add(new Item.Message(Role.ASSISTANT, parts));
    }
    for (int i = 0; i < toolCalls.size(); i++) {
      thoughtSignature(toolCalls.get(i), reasoning).ifPresent(items::add);
      items.add(toolCall(toolCalls.get(i), path + ".tool_calls[" + i + "]"));
    }
    if (functionCall.isObject()) {
      String name = requiredText(functionCall, "name", path + ".function_call");
      String id = "call_legacy_" + items.size();
      pendingFunctionCalls.computeIfAbsent(name, n -> new ArrayDeque<>()).add(id);
      items.add(new Item.ToolCall(id, name, arguments(functionCall)));
    }
    reportOtherKeys(message, ASSISTANT_KEYS, path);
  }

  /**
   * Google's OpenAI-compatible API hands Gemini's thought signature out on the tool call, as
   * {@code extra_content.google.thought_signature}, and wants it back there; it signs that call,
   * as a signature-only reasoning item before it does in the canonical model (unless the message's
   * reasoning fields already carry it).
   */
  private static Optional<Item.Reasoning> thoughtSignature(JsonNode call, List<Item.Reasoning> reasoning) {
    JsonNode signature = call.path("extra_content").path("google").path("thought_signature");
    Optional<String> given = signature.isTextual()
        ? Optional.of(SignatureOrigin.fromGemini(signature.asText())) : Optional.empty();
    if (given.isEmpty()
        || reasoning.stream().anyMatch(r -> r.signature().equals(given) || r.encrypted().equals(given))) {
      return Optional.empty();
    }
    return Optional.of(new Item.Reasoning("", given, Optional.empty()));
  }

  private Item.ToolCall toolCall(JsonNode call, String path) {
    String type = call.path("type").asText("function");
    if (!type.equals("function")) {
      throw GatewayException.invalidRequest(path + ".type", "The tool call type '" + type + "' (at '" + path
          + "') cannot be translated for this model: only function tool calls can.");
    }
    JsonNode function = call.path("function");
    Item.ToolCall result = new Item.ToolCall(requiredText(call, "id", path),
        requiredText(function, "name", path + ".function"), arguments(function));
    reportOtherKeys(call, TOOL_CALL_KEYS, path);
    reportExtraContent(call.path("extra_content"), path + ".extra_content");
    return result;
  }

  /** What a tool call's {@code extra_content} holds besides Google's thought signature, read above. */
  private void reportExtraContent(JsonNode extra, String path) {
    if (extra.isMissingNode() || extra.isNull()) {
      return;
    }
    if (!extra.isObject()) {
      dropped.add(path);
      return;
    }
    extra.fieldNames().forEachRemaining(key -> {
      if (!key.equals("google")) {
        dropped.add(path + "." + key);
      }
    });
    extra.path("google").fieldNames().forEachRemaining(key -> {
      if (!key.equals("thought_signature")) {
        dropped.add(path + ".google." + key);
      }
    });
  }

  private void function(JsonNode message, String path) {
    String name = requiredText(message, "name", path);
    ArrayDeque<String> pending = pendingFunctionCalls.get(name);
    if (pending == null || pending.isEmpty()) {
      throw GatewayException.invalidRequest(path, "The function message at '" + path
          + "' answers no earlier assistant function_call named '" + name + "'.");
    }
    items.add(new Item.ToolResult(pending.poll(), content(message, path), false));
    reportOtherKeys(message, FUNCTION_KEYS, path);
  }

  private List<ContentPart> content(JsonNode message, String path) {
    return OpenAiContentToCanonical.parts(message.get("content"), path + ".content", dropped);
  }

  /** Arguments as the model wrote them; OpenAI requires them, so absent ones are an empty object. */
  private static String arguments(JsonNode function) {
    JsonNode arguments = function.path("arguments");
    return arguments.isTextual() ? arguments.asText() : "{}";
  }

  private void reportOtherKeys(JsonNode node, Set<String> used, String path) {
    DroppedFields.reportOthers(node, used, path, dropped);
  }
}
