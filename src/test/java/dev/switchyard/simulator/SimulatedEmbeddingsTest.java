package dev.switchyard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.simulator.SimulatorHarness.Answer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedEmbeddingsTest {
  private static SimulatorHarness harness;

  @BeforeAll
  static void start() {
    harness = new SimulatorHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void answersUnitVectorsOfDefaultSizeInOpenAisListShape() {
    JsonNode body = embed("{\"model\":\"sim-embed\",\"input\":\"Hello, world!\"}").json();

    assertThat(body.path("object").asText()).isEqualTo("list");
    assertThat(body.path("model").asText()).isEqualTo("sim-embed");
    JsonNode item = body.at("/data/0");
    assertThat(item.path("object").asText()).isEqualTo("embedding");
    assertThat(item.path("index").asInt()).isZero();
    float[] vector = floats(item.path("embedding"));
    assertThat(vector).hasSize(SimulatedEmbeddings.DEFAULT_DIMENSIONS);
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(4);
  }

  @Test
  void equalInputsGetEqualVectorsAndOthersDiffer() {
    JsonNode body = embed("{\"model\":\"e\",\"input\":[\"cat\",\"dog\",\"cat\"],\"dimensions\":64}").json();

    float[] cat = floats(body.at("/data/0/embedding"));
    float[] dog = floats(body.at("/data/1/embedding"));
    assertThat(cat).hasSize(64);
    assertThat(floats(body.at("/data/2/embedding"))).containsExactly(cat);
    assertThat(dog).isNotEqualTo(cat);
    assertThat(body.at("/data/2/index").asInt()).isEqualTo(2);
  }

  @Test
  void base64IsLittleEndianFloat32OfTheSameVector() {
    String request = "{\"model\":\"e\",\"input\":[\"Hello\",\"there\"],\"dimensions\":32%s}";
    JsonNode plain = embed(request.formatted("")).json();
    JsonNode encoded = embed(request.formatted(",\"encoding_format\":\"base64\"")).json();

    for (int i = 0; i < 2; i++) {
      byte[] bytes = Base64.getDecoder().decode(encoded.at("/data/" + i + "/embedding").asText());
      ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      float[] decoded = new float[bytes.length / 4];
      for (int j = 0; j < decoded.length; j++) {
        decoded[j] = buffer.getFloat();
      }
      assertThat(decoded).containsExactly(floats(plain.at("/data/" + i + "/embedding")));
    }
  }

  @Test
  void acceptsTokenIdsAndArraysOfThem() {
    JsonNode single = embed("{\"model\":\"e\",\"input\":[1,2,3]}").json();
    JsonNode nested = embed("{\"model\":\"e\",\"input\":[[1,2,3],[4,5]]}").json();

    assertThat(single.path("data")).hasSize(1);
    assertThat(single.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(nested.path("data")).hasSize(2);
    assertThat(nested.at("/usage/prompt_tokens").asInt()).isEqualTo(5);
    assertThat(floats(nested.at("/data/0/embedding"))).containsExactly(floats(single.at("/data/0/embedding")));
  }

  @Test
  void refusesBadInputDimensionsAndFormat() {
    assertThat(embed("{\"model\":\"e\",\"input\":[]}").status()).isEqualTo(400);
    assertThat(embed("{\"model\":\"e\",\"input\":{}}").status()).isEqualTo(400);
    assertThat(embed("{\"model\":\"e\"}").json().at("/error/param").asText()).isEqualTo("input");
    assertThat(embed("{\"model\":\"e\",\"input\":\"x\",\"dimensions\":0}").json().at("/error/param").asText())
        .isEqualTo("dimensions");
    assertThat(embed("{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"hex\"}").status()).isEqualTo(400);
  }

  @Test
  void bodyDirectivesApplyToEmbeddingsToo() {
    Answer failed = embed("{\"model\":\"e\",\"input\":\"x\",\"simulator\":{\"status\":500}}");

    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.json().at("/error/type").asText()).isEqualTo("server_error");
  }

  private static Answer embed(String body) {
    return harness.call(SimulatorHarness.provider(), SimulatedEmbeddings.PATH, body);
  }

  private static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) array.get(i).asDouble();
    }
    return values;
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float value : vector) {
      sum += value * value;
    }
    return Math.sqrt(sum);
  }
}
