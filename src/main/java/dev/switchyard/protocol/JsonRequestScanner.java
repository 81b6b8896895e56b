package dev.switchyard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchyard.error.GatewayException;
import dev.switchyard.json.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Validates a client's JSON request body in one streaming pass, without building a tree: the JSON
 * must be well formed and UTF-8, known top-level fields must have the right type, no top-level key
 * may repeat (gateway and upstream must never disagree on which "model" counts), and the offsets
 * of {@code model} are recorded so it can be renamed in place. Shared by every protocol's ingress.
 */
public final class JsonRequestScanner {
  private static final JsonFactory JSON = Json.FACTORY;

  private JsonRequestScanner() {}

  /** Reads one top-level field's value for a protocol's own purposes; it must consume the value. */
  @FunctionalInterface
  public interface FieldReader {
    void read(JsonParser parser, JsonToken value, int keyStart, int valueStart) throws IOException;
  }

  /** What the scan found: the model, its offsets, whether a stream was asked for, and where the root object ends. */
  public record Scan(String model, int modelStart, int modelEnd, boolean stream, int rootEnd) {}

  public static Scan scan(byte[] body, RequestSchema schema, Map<String, FieldReader> readers) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw GatewayException.invalidRequest(null, "The request body must be a JSON object.");
      }
      if (parser.currentTokenLocation().getByteOffset() < 0) {
        // Jackson detected UTF-16 or UTF-32 and reads characters: there are no byte offsets to splice at.
        throw GatewayException.invalidRequest(null, "The request body must be JSON encoded as UTF-8.");
      }
      Set<String> seen = new HashSet<>();
      String model = null;
      int modelStart = -1;
      int modelEnd = -1;
      boolean stream = false;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        int keyStart = (int) parser.currentTokenLocation().getByteOffset();
        if (!seen.add(field)) {
          throw GatewayException.invalidRequest(field, "The field '" + field + "' appears more than once.");
        }
        JsonToken value = parser.nextToken();
        int valueStart = (int) parser.currentTokenLocation().getByteOffset();
        checkKind(schema, field, value, parser);
        FieldReader reader = readers.get(field);
        if (reader != null) {
          reader.read(parser, value, keyStart, valueStart);
        } else if (field.equals("model")) {
          model = parser.getText();
          modelStart = valueStart;
          modelEnd = (int) parser.currentLocation().getByteOffset();
        } else if (field.equals("stream")) {
          stream = value == JsonToken.VALUE_TRUE;
        } else {
          parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw GatewayException.invalidRequest(null, "The request body is not valid JSON.");
      }
      int rootEnd = (int) parser.currentTokenLocation().getByteOffset();
      if (parser.nextToken() != null) {
        throw GatewayException.invalidRequest(null, "The request body holds more than one JSON value.");
      }
      for (String field : schema.required()) {
        if (!seen.contains(field)) {
          throw GatewayException.invalidRequest(field, "Missing required parameter: '" + field + "'.");
        }
      }
      if (model == null || model.isBlank()) {
        throw GatewayException.invalidRequest("model", "The 'model' parameter must name a model.");
      }
      return new Scan(model, modelStart, modelEnd, stream, rootEnd);
    } catch (JsonParseException e) {
      throw GatewayException.invalidRequest(null, "The request body is not valid JSON: "
          + e.getOriginalMessage() + " (at byte " + e.getLocation().getByteOffset() + ").");
    } catch (IOException e) {
      throw GatewayException.invalidRequest(null, "The request body could not be read as JSON.");
    }
  }

  private static void checkKind(RequestSchema schema, String field, JsonToken value, JsonParser parser)
      throws IOException {
    JsonKind kind = schema.kindOf(field);
    if (kind == null || (value == JsonToken.VALUE_NULL && !schema.required().contains(field))) {
      return;
    }
    boolean ok = switch (kind) {
      case STRING -> value == JsonToken.VALUE_STRING;
      case NUMBER -> value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
      case INTEGER -> value == JsonToken.VALUE_NUMBER_INT;
      case BOOLEAN -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
      case OBJECT -> value == JsonToken.START_OBJECT;
      case ARRAY -> value == JsonToken.START_ARRAY;
      case STRING_OR_OBJECT -> value == JsonToken.VALUE_STRING || value == JsonToken.START_OBJECT;
      case STRING_OR_ARRAY -> value == JsonToken.VALUE_STRING || value == JsonToken.START_ARRAY;
      case ARRAY_OF_OBJECTS -> value == JsonToken.START_ARRAY && elementsAreObjects(field, parser);
    };
    if (!ok) {
      throw GatewayException.invalidRequest(field,
          "Invalid type for '" + field + "': expected " + kind.description + ", but got " + describe(value) + ".");
    }
  }

  /** Consumes the array, checking each element is an object. */
  private static boolean elementsAreObjects(String field, JsonParser parser) throws IOException {
    int index = 0;
    JsonToken element;
    while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (element != JsonToken.START_OBJECT) {
        throw GatewayException.invalidRequest(field + "[" + index + "]", "Invalid type for '" + field + "["
            + index + "]': expected an object, but got " + describe(element) + ".");
      }
      parser.skipChildren();
      index++;
    }
    return true;
  }

  static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> token.toString();
    };
  }
}
