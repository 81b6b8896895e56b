package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.protocol.JsonTrees;
import java.util.Optional;

/** The shared JSON plumbing ({@link JsonTrees}) under short names for the Gemini translators. */
final class GeminiJson {
  static final ObjectMapper MAPPER = JsonTrees.MAPPER;

  private GeminiJson() {}

  static ObjectNode object() {
    return JsonTrees.object();
  }

  static JsonNode readRequest(byte[] body) {
    return JsonTrees.readRequest(body);
  }

  static JsonNode readUpstream(byte[] body) {
    return JsonTrees.readUpstream(body, "Gemini");
  }

  static byte[] bytes(JsonNode node) {
    return JsonTrees.bytes(node);
  }

  static String text(JsonNode node) {
    return JsonTrees.text(node);
  }

  static Optional<String> string(JsonNode node, String field) {
    return JsonTrees.string(node, field);
  }

  static long number(JsonNode node, String field) {
    return JsonTrees.number(node, field);
  }
}
