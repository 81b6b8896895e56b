package dev.switchyard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.error.GatewayException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Embedding vectors between JSON and float32: as number arrays, or OpenAI's base64 of little-endian floats. */
public final class EmbeddingVectors {
  private EmbeddingVectors() {}

  /** A JSON array of numbers, or a base64 string of float32s; anything else is the provider's fault. */
  public static float[] read(JsonNode node) {
    if (node.isTextual()) {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(node.asText())).order(ByteOrder.LITTLE_ENDIAN);
      float[] vector = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(vector);
      return vector;
    }
    if (!node.isArray()) {
      throw GatewayException.badGateway("The provider answered with an embedding that is not a list of numbers.");
    }
    float[] vector = new float[node.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = node.get(i).floatValue();
    }
    return vector;
  }

  public static void writeNumbers(JsonGenerator json, float[] vector) throws IOException {
    json.writeStartArray();
    for (float value : vector) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  public static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
