package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Embeddings: a unit vector per input, drawn from a generator seeded by the input's hash, so equal
 * inputs get equal vectors. Answers in OpenAI's {@code list} shape, as floats or as base64 of
 * little-endian float32 values.
 */
final class SimulatedEmbeddings {
  static final String PATH = "/embeddings";
  static final int DEFAULT_DIMENSIONS = 16;
  private static final int MAX_DIMENSIONS = 4096;
  private static final int MAX_INPUTS = 2048;

  private SimulatedEmbeddings() {}

  /** One input as the request gave it: text, or token ids. */
  private record Input(String text, int[] tokenIds) {
    long seed() {
      if (text != null) {
        return DeterministicRandom.hash(text);
      }
      ByteBuffer bytes = ByteBuffer.allocate(tokenIds.length * 4 + 1).put((byte) 't');
      for (int id : tokenIds) {
        bytes.putInt(id);
      }
      return DeterministicRandom.hash(bytes.array());
    }

    int tokens() {
      return text != null ? Tokens.count(text) : tokenIds.length;
    }
  }

  static Buffer answer(JsonNode request) {
    String model = SimulatedChat.requireModel(request);
    List<Input> inputs = inputs(request.get("input"));
    int dimensions = dimensions(request.get("dimensions"));
    boolean base64 = base64(request.get("encoding_format"));
    int tokens = inputs.stream().mapToInt(Input::tokens).sum();
    return JsonOut.json(json -> {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      for (int i = 0; i < inputs.size(); i++) {
        float[] vector = vector(inputs.get(i).seed(), dimensions);
        json.writeStartObject();
        json.writeStringField("object", "embedding");
        json.writeNumberField("index", i);
        json.writeFieldName("embedding");
        if (base64) {
          json.writeString(toBase64(vector));
        } else {
          json.writeStartArray();
          for (float value : vector) {
            json.writeNumber(value);
          }
          json.writeEndArray();
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("model", model);
      json.writeObjectFieldStart("usage");
      json.writeNumberField("prompt_tokens", tokens);
      json.writeNumberField("total_tokens", tokens);
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  /** A vector of {@code dimensions} normally distributed values, scaled to length 1. */
  static float[] vector(long seed, int dimensions) {
    DeterministicRandom random = new DeterministicRandom(seed);
    double[] values = new double[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      values[i] = random.nextGaussian();
      norm += values[i] * values[i];
    }
    norm = Math.sqrt(norm);
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (values[i] / norm);
    }
    return vector;
  }

  private static String toBase64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      bytes.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** A string, an array of strings, an array of token ids, or an array of such arrays. */
  private static List<Input> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw new InvalidSimulatedRequest("Missing required parameter: 'input'.", "input",
          "missing_required_parameter");
    }
    if (input.isTextual()) {
      return List.of(text(input));
    }
    if (!input.isArray() || input.isEmpty() || input.size() > MAX_INPUTS) {
      throw invalidInput();
    }
    if (input.get(0).isNumber()) {
      return List.of(tokenIds(input));
    }
    List<Input> inputs = new ArrayList<>(input.size());
    for (JsonNode item : input) {
      if (item.isTextual()) {
        inputs.add(text(item));
      } else if (item.isArray() && !item.isEmpty()) {
        inputs.add(tokenIds(item));
      } else {
        throw invalidInput();
      }
    }
    return inputs;
  }

  private static Input text(JsonNode node) {
    if (node.asText().isEmpty()) {
      throw new InvalidSimulatedRequest("'$.input' is invalid: an input may not be an empty string.", "input",
          "invalid_value");
    }
    return new Input(node.asText(), null);
  }

  private static Input tokenIds(JsonNode array) {
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode id = array.get(i);
      if (!id.canConvertToExactIntegral() || !id.canConvertToInt() || id.asInt() < 0) {
        throw invalidInput();
      }
      ids[i] = id.asInt();
    }
    return new Input(null, ids);
  }

  private static InvalidSimulatedRequest invalidInput() {
    return new InvalidSimulatedRequest("'$.input' is invalid: expected a string, an array of strings, an array of "
        + "token ids, or an array of token id arrays.", "input", "invalid_value");
  }

  private static int dimensions(JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_DIMENSIONS;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt()
        || node.asInt() < 1 || node.asInt() > MAX_DIMENSIONS) {
      throw new InvalidSimulatedRequest("Invalid 'dimensions': expected an integer from 1 to " + MAX_DIMENSIONS
          + ".", "dimensions", "invalid_value");
    }
    return node.asInt();
  }

  private static boolean base64(JsonNode node) {
    String format = node == null || node.isNull() ? "float" : node.asText();
    return switch (format) {
      case "float" -> false;
      case "base64" -> true;
      default -> throw new InvalidSimulatedRequest("Invalid value for 'encoding_format': expected 'float' or "
          + "'base64'.", "encoding_format", "invalid_value");
    };
  }
}
