package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.OpenAiSpec;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embeddings through the official SDK, float and base64, against recorded OpenAI answers. */
class EmbeddingsIT {
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: openai
            kind: openai
            base_url: %s
            api_keys: ["%s"]
        models:
          - {name: embed-small, targets: [{provider: openai, model: text-embedding-3-small}]}
        """.formatted(upstream.baseUrl(), LeakGuard.newUpstreamKey()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void resetUpstream() {
    upstream.reset();
  }

  @Test
  void floatEmbeddingsReachTheSdkAsRecordedAndAreMetered() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "embeddings-float").first();
    upstream.enqueue(UpstreamReply.of(recorded));

    HttpResponseFor<CreateEmbeddingResponse> raw = gateway.openAi().embeddings().withRawResponse()
        .create(EmbeddingCreateParams.builder()
            .model("embed-small")
            .inputOfArrayOfStrings(List.of("sunny day at the beach", "rainy day in the city"))
            .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
            .build());
    CreateEmbeddingResponse response = raw.parse();

    JsonNode data = recorded.responseJson().path("data");
    assertThat(response.data()).hasSize(data.size());
    for (int i = 0; i < data.size(); i++) {
      assertThat(response.data().get(i).embedding()).isEqualTo(floats(data.get(i).path("embedding")));
    }
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1/embeddings");
    EmbeddingCreateParams.Body sent = OpenAiSpec.assertEmbeddingRequest(received.body());
    assertThat(sent.model().asString()).isEqualTo("text-embedding-3-small");
    assertThat(received.json().path("encoding_format").asText()).isEqualTo("float");

    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    assertThat(record.endpoint()).isEqualTo("embeddings");
    assertThat(record.usage().orElseThrow().inputTokens())
        .isEqualTo(recorded.responseJson().at("/usage/prompt_tokens").asLong());
    assertThat(record.usage().orElseThrow().outputTokens()).isZero();
    assertThat(record.upstreamModel()).contains("text-embedding-3-small");
  }

  @Test
  void base64EmbeddingsAsTheSdksSendThemRoundTrip() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "embeddings-base64").first();
    upstream.enqueue(UpstreamReply.of(recorded));
    JsonNode request = recorded.request();

    HttpResponseFor<CreateEmbeddingResponse> raw = gateway.openAi().embeddings().withRawResponse()
        .create(EmbeddingCreateParams.builder()
            .model("embed-small")
            .inputOfArrayOfStrings(List.of(request.at("/input/0").asText()))
            .dimensions(request.path("dimensions").asLong())
            .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
            .build());
    CreateEmbeddingResponse response = raw.parse();

    String base64 = recorded.responseJson().at("/data/0/embedding").asText();
    List<Float> expected = decodeFloat32(base64);
    assertThat(expected).hasSize(request.path("dimensions").asInt());
    assertThat(response.data().get(0).embedding()).isEqualTo(expected);

    ReceivedRequest received = upstream.takeRequest();
    OpenAiSpec.assertEmbeddingRequest(received.body());
    ObjectNode sent = (ObjectNode) received.json();
    assertThat(sent).isEqualTo(request); // the recorded request, model name included after the rename

    UsageRecord record = gateway.usage().await(raw.headers().values("x-request-id").get(0));
    assertThat(record.usage().orElseThrow().inputTokens())
        .isEqualTo(recorded.responseJson().at("/usage/prompt_tokens").asLong());
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
  }

  private static List<Float> floats(JsonNode array) {
    List<Float> values = new ArrayList<>();
    array.forEach(v -> values.add(v.floatValue()));
    return values;
  }

  private static List<Float> decodeFloat32(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    List<Float> values = new ArrayList<>();
    while (bytes.remaining() >= 4) {
      values.add(bytes.getFloat());
    }
    return values;
  }
}
