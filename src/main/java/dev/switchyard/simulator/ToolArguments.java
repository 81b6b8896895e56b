package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments for a simulated tool call: a JSON object holding the schema's required properties with
 * a placeholder of each one's type, and its text cut into fragments the way OpenAI streams it.
 */
final class ToolArguments {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 16;
  private static final int MAX_FRAGMENT = 12;

  private ToolArguments() {}

  /** A value for a JSON schema {@code object}: its required properties, filled in. */
  static ObjectNode fromSchema(JsonNode schema) {
    return object(schema, 0);
  }

  private static ObjectNode object(JsonNode schema, int depth) {
    ObjectNode result = NODES.objectNode();
    if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
      return result;
    }
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      String name = required.asText();
      result.set(name, value(properties.path(name), depth + 1));
    }
    return result;
  }

  private static JsonNode value(JsonNode schema, int depth) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0);
    }
    for (String alternatives : List.of("anyOf", "oneOf")) {
      JsonNode options = schema.path(alternatives);
      for (JsonNode option : options) {
        if (!"null".equals(option.path("type").asText())) {
          return value(option, depth + 1);
        }
      }
    }
    return switch (type(schema)) {
      case "string" -> NODES.textNode(placeholderText(schema));
      case "integer", "number" -> NODES.numberNode(1);
      case "boolean" -> NODES.booleanNode(true);
      case "null" -> NODES.nullNode();
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        if (schema.path("items").isObject() && depth <= MAX_DEPTH) {
          array.add(value(schema.get("items"), depth + 1));
        }
        yield array;
      }
      case "object" -> object(schema, depth);
      default -> NODES.textNode("example");
    };
  }

  /** The schema's type; for a list of types, the first that is not {@code null}. */
  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText();
    }
    for (JsonNode option : type) {
      if (!"null".equals(option.asText())) {
        return option.asText();
      }
    }
    return schema.has("properties") ? "object" : "";
  }

  private static String placeholderText(JsonNode schema) {
    return switch (schema.path("format").asText()) {
      case "date" -> "2025-01-01";
      case "date-time" -> "2025-01-01T00:00:00Z";
      case "email" -> "user@example.com";
      case "uri", "url" -> "https://example.com";
      default -> "example";
    };
  }

  /**
   * Cuts JSON text into stream fragments: runs of punctuation ({@code {"}, {@code ":"}) alternate
   * with runs of other text (at most a few characters each), as in {@code {"|city|":"|Paris|"}}.
   */
  static List<String> fragments(String json) {
    List<String> fragments = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= json.length(); i++) {
      boolean boundary = i == json.length()
          || isPunctuation(json.charAt(i)) != isPunctuation(json.charAt(i - 1))
          || (!isPunctuation(json.charAt(i)) && i - start >= MAX_FRAGMENT
              && !Character.isHighSurrogate(json.charAt(i - 1)));
      if (boundary) {
        fragments.add(json.substring(start, i));
        start = i;
      }
    }
    return fragments;
  }

  private static boolean isPunctuation(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ':' || c == ',';
  }
}
