package dev.switchyard.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.error.GatewayException;
import dev.switchyard.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The JSON plumbing the protocol translators share: one mapper that keeps numbers as written. */
public final class JsonTrees {
  /** The shared mapper ({@link Json#MAPPER}), here beside the helpers that use it. */
  public static final ObjectMapper MAPPER = Json.MAPPER;

  private JsonTrees() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a client's body; anything but a JSON object is a 400. */
  public static JsonNode readRequest(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw GatewayException.invalidRequest(null, "The request body is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw GatewayException.invalidRequest(null, "The request body must be a JSON object.");
    }
    return root;
  }

  /** Parses an upstream's body; anything but a JSON object is a 502. */
  public static JsonNode readUpstream(byte[] body, String provider) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root != null && root.isObject()) {
        return root;
      }
    } catch (IOException e) {
      // reported below
    }
    throw GatewayException.badGateway(
        "The " + provider + " upstream answered with a body that is not a JSON object.");
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compact JSON text, as tool-call arguments travel in the canonical model. */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A string field, empty when absent or null. */
  public static Optional<String> string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  public static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asLong() : 0;
  }

  /** The non-blank string at {@code pointer} in a JSON body, if it holds one there. */
  public static Optional<String> textAt(byte[] body, String pointer) {
    try {
      JsonNode value = MAPPER.readTree(body).at(pointer);
      return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
