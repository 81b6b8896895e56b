package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchyard.error.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading a client's Gemini request, whose REST API takes every field under its lowerCamelCase
 * name or its proto (snake_case) name: {@code functionCall} and {@code function_call} alike.
 * Fields are looked up by their lowerCamelCase name; a JSON {@code null} counts as absent.
 */
final class GeminiFields {
  private GeminiFields() {}

  /** The field under either spelling, or a missing node. */
  static JsonNode get(JsonNode node, String camelName) {
    JsonNode value = node.get(camelName);
    if (value == null) {
      value = node.get(snake(camelName));
    }
    return value == null || value.isNull() ? MissingNode.getInstance() : value;
  }

  /**
   * A list field, at {@code path} in the request: missing (no elements) when absent, a 400 when it
   * is anything but an array (an object has a size too, but no elements by index).
   */
  static JsonNode array(JsonNode node, String camelName, String path) {
    JsonNode value = get(node, camelName);
    if (!value.isMissingNode() && !value.isArray()) {
      throw GatewayException.invalidRequest(path, path + " must be an array.");
    }
    return value;
  }

  static boolean has(JsonNode node, String camelName) {
    return !get(node, camelName).isMissingNode();
  }

  static Optional<String> string(JsonNode node, String camelName) {
    JsonNode value = get(node, camelName);
    return value.isMissingNode() ? Optional.empty() : Optional.of(value.asText());
  }

  static String snake(String camel) {
    StringBuilder snake = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        snake.append('_').append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  static String camel(String name) {
    StringBuilder camel = new StringBuilder(name.length());
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_' && camel.length() > 0) {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /**
   * Adds {@code path.key} to {@code dropped} for each key of {@code node} whose lowerCamelCase name
   * is not in {@code known} and whose value says something (null, {@code []} and {@code {}} do not).
   */
  static void reportOthers(JsonNode node, Set<String> known, String path, List<String> dropped) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      boolean empty = value.isNull() || (value.isContainerNode() && value.isEmpty());
      if (!known.contains(camel(field.getKey())) && !empty) {
        dropped.add(path(path, field.getKey()));
      }
    }
  }
}
