package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The documented normalisations of an OpenAI chat request going through the canonical model and
 * back, applied to a request so that two equivalent requests compare equal:
 *
 * <ul>
 *   <li>null-valued fields, {@code n: 1}, {@code stream: false}, {@code stream_options},
 *       {@code tool_choice: "auto"} (the default with tools), {@code response_format: text} and
 *       {@code json_schema.strict: false} say nothing and are removed;
 *   <li>{@code stop} as a string is a one-element array;
 *   <li>message content is a list of parts (a string is one text part, null none), and consecutive
 *       assistant messages are one message (their parts and tool calls joined in order);
 *   <li>a function tool without {@code parameters} takes an empty object schema;
 *   <li>numbers compare by value ({@code 1} equals {@code 1.0}).
 * </ul>
 */
final class OpenAiRequestNormalisation {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenAiRequestNormalisation() {}

  static JsonNode normalise(JsonNode request) {
    ObjectNode copy = (ObjectNode) values(request.deepCopy());
    if (copy.path("n").asInt(0) == 1) {
      copy.remove("n");
    }
    if (!copy.path("stream").asBoolean(false)) {
      copy.remove("stream");
    }
    copy.remove("stream_options");
    if (copy.path("tool_choice").asText("").equals("auto")) {
      copy.remove("tool_choice");
    }
    if (copy.path("response_format").path("type").asText("").equals("text")) {
      copy.remove("response_format");
    }
    JsonNode schema = copy.path("response_format").path("json_schema");
    if (schema.isObject() && !schema.path("strict").asBoolean(false)) {
      ((ObjectNode) schema).remove("strict");
    }
    if (copy.path("stop").isTextual()) {
      copy.set("stop", NODES.arrayNode().add(copy.path("stop").asText()));
    }
    for (JsonNode tool : copy.path("tools")) {
      ObjectNode function = (ObjectNode) tool.path("function");
      if (!function.has("parameters")) {
        function.set("parameters", NODES.objectNode().put("type", "object").set("properties", NODES.objectNode()));
      }
    }
    copy.set("messages", messages(copy.path("messages")));
    return copy;
  }

  private static ArrayNode messages(JsonNode messages) {
    ArrayNode result = NODES.arrayNode();
    ObjectNode previous = null;
    for (JsonNode message : messages) {
      ObjectNode m = (ObjectNode) message;
      m.set("content", parts(m.path("content")));
      boolean assistant = m.path("role").asText().equals("assistant");
      if (assistant && previous != null && previous.path("role").asText().equals("assistant")) {
        ((ArrayNode) previous.path("content")).addAll((ArrayNode) m.path("content"));
        if (m.has("tool_calls")) {
          if (!previous.has("tool_calls")) {
            previous.set("tool_calls", NODES.arrayNode());
          }
          ((ArrayNode) previous.path("tool_calls")).addAll((ArrayNode) m.path("tool_calls"));
        }
        continue;
      }
      result.add(m);
      previous = m;
    }
    return result;
  }

  private static ArrayNode parts(JsonNode content) {
    if (content.isArray()) {
      return (ArrayNode) content;
    }
    ArrayNode parts = NODES.arrayNode();
    if (content.isTextual()) {
      parts.add(NODES.objectNode().put("type", "text").put("text", content.asText()));
    }
    return parts;
  }

  /** Without null-valued fields, with numbers as exact decimals. */
  private static JsonNode values(JsonNode node) {
    if (node.isNumber()) {
      return NODES.numberNode(node.decimalValue().stripTrailingZeros());
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      node.forEach(element -> array.add(values(element)));
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = NODES.objectNode();
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      for (Map.Entry<String, JsonNode> field : fields) {
        if (!field.getValue().isNull()) {
          object.set(field.getKey(), values(field.getValue()));
        }
      }
      return object;
    }
    return node;
  }
}
