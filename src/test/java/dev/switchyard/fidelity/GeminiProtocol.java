package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.fidelity.Matrix.Status;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.gemini.GeminiErrors;
import dev.switchyard.protocol.gemini.GeminiToCanonical;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GeminiSdk;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's generateContent, judged by google-genai's types (every field of a body must survive
 * the SDK's reading). The SDK has no stream accumulator: a stream's chunks are each read by the
 * SDK and their parts joined in order, as Google's documentation says a client should.
 */
final class GeminiProtocol implements Protocol {
  static final GeminiProtocol INSTANCE = new GeminiProtocol();
  private static final ChatEgressCodec EGRESS = ProductionCodecs.egress(WireProtocol.GEMINI);
  private static final byte[] EMPTY_REQUEST = "{\"contents\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  private GeminiProtocol() {}

  @Override
  public Kind kind() {
    return Kind.GEMINI;
  }

  @Override
  public String label() {
    return "Gemini";
  }

  @Override
  public String upstreamModel() {
    return "gemini-2.5-flash";
  }

  // ---- client ----

  /** The model and streaming come from the URL, {@code /v1beta/models/<model>:<action>}. */
  @Override
  public Translation<ChatRequest> toCanonical(byte[] body, String urlPath) {
    String path = urlPath.startsWith("/gemini/") ? urlPath : "/gemini" + urlPath;
    return ProductionCodecs.chatIngress(path).toCanonical(ProductionCodecs.parse(path, body));
  }

  @Override
  public void ingressRows(Matrix.Cells cells, Translation<ChatRequest> in, JsonNode raw) {
    cells.dropped("request: fields named in x-switchyard-dropped-fields", in.dropped());
  }

  @Override
  public Translation<byte[]> encodeAnswer(ChatResponse response) {
    String path = "/gemini/v1beta/models/client-model:generateContent";
    return Translation.complete(ProductionCodecs.chatIngress(path).encodeResponse(response,
        ProductionCodecs.parse(path, EMPTY_REQUEST)).getBytes());
  }

  @Override
  public String answerJudge() {
    return "response: google-genai GenerateContentResponse reads every field";
  }

  @Override
  public Received sdkReadsAnswer(byte[] body) {
    GeminiSdk.assertResponseAccepted(body);
    JsonNode json = Wire.json(body);
    return new Received(Answer.fromGemini(List.of(json)), json.path("candidates").path(0).path("content"));
  }

  @Override
  public Received encodeStream(Matrix.Cells cells, List<StreamEvent> events, StreamAsk ask) {
    String path = "/gemini/v1beta/models/client-model:streamGenerateContent" + (ask.jsonArray() ? "" : "?alt=sse");
    byte[] body = ProductionCodecs.joined(ProductionCodecs.encode(ProductionCodecs.chatIngress(path),
        ProductionCodecs.parse(path, EMPTY_REQUEST), events));
    List<byte[]> chunks = GeminiSdk.chunks(body);
    cells.check(ask.jsonArray() ? "stream: one JSON array of chunks, the last with the finishReason"
        : "stream: SSE data events, one chunk each, the last with the finishReason", () -> {
          if (ask.jsonArray()) {
            assertThat(Wire.json(body).isArray()).isTrue();
          } else {
            for (SseEvent event : GeminiSdk.sseEvents(body)) {
              assertThat(Wire.json(event.data()).isObject()).isTrue();
            }
          }
          assertThat(chunks).isNotEmpty();
          assertThat(Wire.json(chunks.getLast()).path("candidates").path(0).path("finishReason").isTextual())
              .isTrue();
        });
    Received[] received = new Received[1];
    cells.check("stream: every chunk reads as google-genai GenerateContentResponse; "
        + "their parts joined rebuild the answer", () -> received[0] = streamReceived(chunks, true));
    return received[0];
  }

  /** What a client makes of stream chunks; {@code strict}: each must keep every field through the SDK. */
  private static Received streamReceived(List<byte[]> chunks, boolean strict) {
    List<JsonNode> read = new ArrayList<>();
    ObjectNode content = Fixtures.JSON.createObjectNode().put("role", "model");
    var parts = content.putArray("parts");
    for (byte[] chunk : chunks) {
      if (strict) {
        GeminiSdk.assertResponseAccepted(chunk);
      } else {
        GeminiSdk.readResponse(chunk);
      }
      JsonNode json = Wire.json(chunk);
      read.add(json);
      json.path("candidates").path(0).path("content").path("parts").forEach(parts::add);
    }
    return new Received(Answer.fromGemini(read), content);
  }

  @Override
  public void errorRows(Matrix.Cells cells, GatewayException error, Recorded recorded) {
    JsonNode out = Wire.json(GeminiErrors.render(error)).path("error");
    if (recorded.provider() == this) {
      JsonNode original = recorded.body().path("error");
      cells.check("error: Google error JSON, code, status and message as recorded", () -> {
        assertThat(out.path("code")).isEqualTo(original.path("code"));
        assertThat(out.path("status")).isEqualTo(original.path("status"));
        assertThat(out.path("message").asText()).isEqualTo(errorMessage(recorded.body()));
      });
      return;
    }
    cells.check("error: Google error JSON, code the status, status its gRPC name, message", () -> {
      int status = recorded.provider().clientStatus(recorded.status());
      assertThat(error.status()).isEqualTo(status);
      assertThat(out.path("code").asInt()).isEqualTo(status);
      assertThat(out.path("status").asText()).isEqualTo(GeminiErrors.grpcStatus(status));
      assertThat(out.path("message").asText()).isEqualTo(recorded.provider().errorMessage(recorded.body()));
    });
  }

  @Override
  public byte[] nextTurn(JsonNode turn, List<Answer.Call> calls) {
    ObjectNode request = Fixtures.JSON.createObjectNode();
    var contents = request.putArray("contents");
    contents.addObject().put("role", "user").putArray("parts").addObject().put("text", "Go on.");
    contents.add(turn);
    var results = contents.addObject().put("role", "user").putArray("parts");
    for (Answer.Call call : calls) {
      ObjectNode response = results.addObject().putObject("functionResponse").put("name", call.name());
      if (!call.id().isEmpty()) {
        response.put("id", call.id());
      }
      response.putObject("response").put("result", "done");
    }
    return Fixtures.compact(request);
  }

  // ---- provider ----

  @Override
  public Translation<byte[]> fromCanonical(ChatRequest request, String model) {
    return EGRESS.encodeRequest(request, ProductionCodecs.target(ProviderKinds.GEMINI, model));
  }

  @Override
  public String requestJudge() {
    return "request: google-genai Content, Tool, ToolConfig, GenerationConfig read every field";
  }

  @Override
  public String validateRequest(byte[] body) {
    GeminiSdk.assertRequestAccepted(Wire.json(body));
    return null;
  }

  @Override
  public ChatRequest readBack(byte[] body, ChatRequest sent) {
    return GeminiToCanonical.request(body, upstreamModel(), sent.stream()).value();
  }

  @Override
  public String egressDropped() {
    return "request: fields dropped for Gemini (CanonicalToGemini)";
  }

  @Override
  public Translation<ChatResponse> decodeAnswer(byte[] body) {
    return Translation.complete(EGRESS.decodeResponse(body));
  }

  @Override
  public Answer recordedAnswer(byte[] body) {
    GeminiSdk.readResponse(body);
    return Answer.fromGemini(List.of(Wire.json(body)));
  }

  @Override
  public List<StreamEvent> decodeStream(byte[] body) {
    return ProductionCodecs.decode(WireProtocol.GEMINI, ProductionCodecs.asSse(GeminiSdk.chunks(body)));
  }

  @Override
  public Answer recordedStreamAnswer(byte[] body) {
    return streamReceived(GeminiSdk.chunks(body), false).answer();
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return EGRESS.decodeError(status, body);
  }

  /** Google's message, with RetryInfo's delay appended: the one detail a client acts on. */
  @Override
  public String errorMessage(JsonNode body) {
    String message = body.path("error").path("message").asText();
    for (JsonNode detail : body.path("error").path("details")) {
      if (RETRY_INFO.equals(detail.path("@type").asText())) {
        message += " (retry after " + detail.path("retryDelay").asText() + ")";
      }
    }
    return message;
  }

  @Override
  public void errorLossRows(Matrix.Cells cells, Protocol client, JsonNode body) {
    List<String> types = new ArrayList<>();
    body.path("error").path("details").forEach(d -> types.add(d.path("@type").asText()
        .replace("type.googleapis.com/google.rpc.", "")));
    if (!types.isEmpty()) {
      cells.add("error: details", Status.LOSS, "Google's error details (" + String.join(", ", types)
          + ") are not carried; RetryInfo's retryDelay is appended to the message (GeminiErrors.parse)");
    }
  }
}
