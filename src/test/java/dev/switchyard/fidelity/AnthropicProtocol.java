package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.fidelity.Matrix.Status;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.anthropic.AnthropicErrors;
import dev.switchyard.protocol.anthropic.AnthropicToCanonical;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import java.util.List;

/** Anthropic's Messages API, judged by anthropic-java's types and its MessageAccumulator. */
final class AnthropicProtocol implements Protocol {
  static final AnthropicProtocol INSTANCE = new AnthropicProtocol();
  private static final String PATH = "/anthropic/v1/messages";
  private static final ChatIngressCodec INGRESS = ProductionCodecs.chatIngress(PATH);
  private static final ChatEgressCodec EGRESS = ProductionCodecs.egress(WireProtocol.ANTHROPIC);

  private AnthropicProtocol() {}

  @Override
  public Kind kind() {
    return Kind.ANTHROPIC;
  }

  @Override
  public String label() {
    return "Anthropic";
  }

  @Override
  public String upstreamModel() {
    return "claude-sonnet-4-6";
  }

  // ---- client ----

  @Override
  public Translation<ChatRequest> toCanonical(byte[] body, String urlPath) {
    return INGRESS.toCanonical(ProductionCodecs.parse(PATH, body));
  }

  /** The client request the answers are written for: model {@code client-model}, streamed or not. */
  private static ClientRequest answering(boolean stream) {
    return ProductionCodecs.parse(PATH, ("{\"model\":\"client-model\",\"max_tokens\":1,\"messages\":[],"
        + "\"stream\":" + stream + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Anthropic-only tuning fields in the recorded request, which no other provider has a place for. */
  @Override
  public void ingressRows(Matrix.Cells cells, Translation<ChatRequest> in, JsonNode raw) {
    if (!in.dropped().isEmpty()) {
      cells.add("request: fields named in x-switchyard-dropped-fields", Status.LOSS, String.join(", ", in.dropped())
          + ": Anthropic service tuning (AnthropicToCanonical), not the answer");
    }
  }

  @Override
  public Translation<byte[]> encodeAnswer(ChatResponse response) {
    return Translation.complete(INGRESS.encodeResponse(response, answering(false)).getBytes());
  }

  @Override
  public String answerJudge() {
    return "response: anthropic-java Message reads and validates";
  }

  @Override
  public Received sdkReadsAnswer(byte[] body) {
    return new Received(Answer.fromAnthropic(Wire.anthropicMessage(body)), assistantTurn(Wire.json(body)));
  }

  private static JsonNode assistantTurn(JsonNode message) {
    ObjectNode turn = Fixtures.JSON.createObjectNode().put("role", "assistant");
    turn.set("content", message.path("content"));
    return turn;
  }

  @Override
  public Received encodeStream(Matrix.Cells cells, List<StreamEvent> events, StreamAsk ask) {
    List<SseEvent> sse = Wire.sse(ProductionCodecs.joined(ProductionCodecs.encode(INGRESS, answering(true), events)));
    cells.check("stream: message_start … message_stop, each event named as its type", () -> {
      List<String> types = sse.stream().map(e -> Wire.json(e.data()).path("type").asText()).toList();
      assertThat(types).first().isEqualTo("message_start");
      assertThat(types).last().isEqualTo("message_stop");
      for (SseEvent event : sse) {
        assertThat(event.type()).isEqualTo(Wire.json(event.data()).path("type").asText());
      }
    });
    List<byte[]> payloads = sse.stream().map(SseEvent::data).toList();
    JsonNode[] message = new JsonNode[1];
    cells.check("stream: every event reads as anthropic-java RawMessageStreamEvent; "
        + "MessageAccumulator rebuilds the answer", () -> message[0] = Wire.accumulateAnthropic(payloads));
    return message[0] == null ? null : new Received(Answer.fromAnthropic(message[0]), assistantTurn(message[0]));
  }

  @Override
  public void errorRows(Matrix.Cells cells, GatewayException error, Recorded recorded) {
    byte[] out = AnthropicErrors.render(error);
    JsonNode original = recorded.body().path("error");
    if (recorded.provider() == this) {
      cells.check("error: anthropic-java ErrorResponse, type, message", () -> {
        Wire.read(Wire.ANTHROPIC, out, ErrorResponse.class).validate();
        assertThat(Wire.json(out).path("error")).isEqualTo(original);
      });
      return;
    }
    cells.check("error: anthropic-java ErrorResponse, type for the status, message", () -> {
      Wire.read(Wire.ANTHROPIC, out, ErrorResponse.class).validate();
      assertThat(error.status()).isEqualTo(recorded.provider().clientStatus(recorded.status()));
      assertThat(Wire.json(out).path("error").path("type").asText())
          .isEqualTo(AnthropicErrors.type(recorded.status()));
      assertThat(Wire.json(out).path("error").path("message").asText())
          .isEqualTo(recorded.provider().errorMessage(recorded.body()));
    });
  }

  @Override
  public byte[] nextTurn(JsonNode turn, List<Answer.Call> calls) {
    ObjectNode request = Fixtures.JSON.createObjectNode().put("model", "client-model").put("max_tokens", 4096);
    var messages = request.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Go on.");
    messages.add(turn);
    var results = messages.addObject().put("role", "user").putArray("content");
    for (Answer.Call call : calls) {
      results.addObject().put("type", "tool_result").put("tool_use_id", call.id()).put("content", "done");
    }
    return Fixtures.compact(request);
  }

  // ---- provider ----

  @Override
  public Translation<byte[]> fromCanonical(ChatRequest request, String model) {
    return EGRESS.encodeRequest(request, ProductionCodecs.target(ProviderKinds.ANTHROPIC, model));
  }

  @Override
  public String requestJudge() {
    return "request: anthropic-java MessageCreateParams.Body reads and validates";
  }

  @Override
  public String validateRequest(byte[] body) {
    Wire.anthropicRequest(body);
    return null;
  }

  @Override
  public ChatRequest readBack(byte[] body, ChatRequest sent) {
    return AnthropicToCanonical.request(body);
  }

  @Override
  public String egressDropped() {
    return "request: fields dropped for Anthropic";
  }

  @Override
  public Translation<ChatResponse> decodeAnswer(byte[] body) {
    return Translation.complete(EGRESS.decodeResponse(body));
  }

  @Override
  public Answer recordedAnswer(byte[] body) {
    return Answer.fromAnthropic(Wire.anthropicMessage(body));
  }

  @Override
  public List<StreamEvent> decodeStream(byte[] body) {
    return ProductionCodecs.decode(WireProtocol.ANTHROPIC, ProductionCodecs.asSse(Wire.anthropicPayloads(body)));
  }

  @Override
  public Answer recordedStreamAnswer(byte[] body) {
    return Answer.fromAnthropic(Wire.accumulateAnthropic(Wire.anthropicPayloads(body)));
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return EGRESS.decodeError(status, body);
  }

  @Override
  public int clientStatus(int status) {
    return ErrorKind.clientStatus(status);
  }

  @Override
  public String errorMessage(JsonNode body) {
    return body.path("error").path("message").asText();
  }

  @Override
  public void errorLossRows(Matrix.Cells cells, Protocol client, JsonNode body) {
    // type and message are all an Anthropic error says; the type goes on as OpenAI's code, and
    // every status has its gRPC name on Gemini's side
  }
}
