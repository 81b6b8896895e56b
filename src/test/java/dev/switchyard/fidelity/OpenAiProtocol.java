package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.fidelity.Matrix.Status;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.openai.OpenAiChatToCanonical;
import dev.switchyard.protocol.openai.OpenAiErrors;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.OpenAiSpec;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's Chat Completions, judged by OpenAI's spec and openai-java. As {@link #COMPATIBLE} it is
 * the egress for OpenAI-compatible servers: the same wire, with the options {@code OpenAiChatEgress}
 * picks for them ({@code max_tokens} rather than {@code max_completion_tokens}).
 */
final class OpenAiProtocol implements Protocol {
  static final OpenAiProtocol OPENAI = new OpenAiProtocol(Kind.OPENAI, "OpenAI", "gpt-4o", ProviderKinds.OPENAI);
  static final OpenAiProtocol COMPATIBLE = new OpenAiProtocol(Kind.OPENAI_COMPATIBLE, "OpenAI-compatible",
      "deepseek-chat", ProviderKinds.OPENAI_COMPATIBLE);
  private static final String PATH = "/v1/chat/completions";
  private static final ChatIngressCodec INGRESS = ProductionCodecs.chatIngress(PATH);
  private static final ChatEgressCodec EGRESS = ProductionCodecs.egress(WireProtocol.OPENAI);

  private final Kind kind;
  private final String label;
  private final String model;
  /** The provider kind whose options the egress applies (OpenAI's own, or other compatible servers'). */
  private final String providerKind;

  private OpenAiProtocol(Kind kind, String label, String model, String providerKind) {
    this.kind = kind;
    this.label = label;
    this.model = model;
    this.providerKind = providerKind;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String upstreamModel() {
    return model;
  }

  // ---- client ----

  @Override
  public Translation<ChatRequest> toCanonical(byte[] body, String urlPath) {
    return INGRESS.toCanonical(ProductionCodecs.parse(PATH, body));
  }

  /** The client request the answers are written for: model {@code client-model}, streamed or not. */
  private static ClientRequest answering(boolean stream, boolean includeUsage) {
    return ProductionCodecs.parse(PATH, ("{\"model\":\"client-model\",\"messages\":[{\"role\":\"user\","
        + "\"content\":\"hi\"}],\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":" + includeUsage
        + "}}").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void ingressRows(Matrix.Cells cells, Translation<ChatRequest> in, JsonNode raw) {
    cells.dropped("request: fields named in x-switchyard-dropped-fields", in.dropped());
  }

  @Override
  public Translation<byte[]> encodeAnswer(ChatResponse response) {
    return Translation.complete(INGRESS.encodeResponse(response, answering(false, false)).getBytes());
  }

  @Override
  public String answerJudge() {
    return "response: openai-java ChatCompletion reads and validates";
  }

  @Override
  public Received sdkReadsAnswer(byte[] body) {
    JsonNode message = Wire.json(body).path("choices").path(0).path("message");
    return new Received(completionAnswer(body), message);
  }

  /** What an OpenAI SDK user gets from a completion, plus the reasoning fields its types do not name. */
  private static Answer completionAnswer(byte[] body) {
    JsonNode message = Wire.json(body).path("choices").path(0).path("message");
    return Answer.fromOpenAi(Wire.openAiCompletion(body), Answer.reasoningOf(message),
        Answer.signaturesOf(message.path("thinking_blocks")));
  }

  @Override
  public Received encodeStream(Matrix.Cells cells, List<StreamEvent> events, StreamAsk ask) {
    List<String> data = encode(events, ask.includeUsage());
    cells.check("stream: ends with [DONE]", () -> assertThat(data).last().isEqualTo("[DONE]"));
    Answer[] answer = new Answer[1];
    cells.check("stream: every chunk reads as openai-java ChatCompletionChunk; "
        + "ChatCompletionAccumulator rebuilds the answer", () -> answer[0] = streamAnswer(data));
    return answer[0] == null ? null : new Received(answer[0], streamedAssistant(data));
  }

  /** The data of each chunk the OpenAI encoder writes, checking each write is one SSE event. */
  private static List<String> encode(List<StreamEvent> events, boolean includeUsage) {
    List<Buffer> buffers = ProductionCodecs.encode(INGRESS, answering(true, includeUsage), events);
    List<String> data = new ArrayList<>();
    for (Buffer buffer : buffers) {
      List<SseEvent> sse = Wire.sse(buffer.getBytes());
      assertThat(sse).as("one SSE event per write").hasSize(1);
      data.add(new String(sse.get(0).data(), StandardCharsets.UTF_8));
    }
    return data;
  }

  /** What an OpenAI SDK user gets from chunks, plus the reasoning fields the SDK types do not name. */
  private static Answer streamAnswer(List<String> data) {
    JsonNode completion = Wire.accumulateOpenAi(data);
    StringBuilder reasoning = new StringBuilder();
    List<String> signatures = new ArrayList<>();
    for (String chunk : data) {
      if (!chunk.equals("[DONE]")) {
        JsonNode delta = Wire.json(chunk).path("choices").path(0).path("delta");
        reasoning.append(delta.path("reasoning_content").asText(""));
        signatures.addAll(Answer.signaturesOf(delta.path("thinking_blocks")));
      }
    }
    return Answer.fromOpenAi(completion, reasoning.toString(), signatures);
  }

  /**
   * The assistant message a client builds from a stream to send back: the accumulated content and
   * tool calls, with the {@code thinking_blocks} entries the chunks carried.
   */
  private static JsonNode streamedAssistant(List<String> data) {
    JsonNode message = Wire.accumulateOpenAi(data).path("choices").path(0).path("message");
    ObjectNode assistant = Fixtures.JSON.createObjectNode().put("role", "assistant");
    assistant.set("content", message.path("content"));
    var blocks = assistant.putArray("thinking_blocks");
    for (String chunk : data) {
      if (!chunk.equals("[DONE]")) {
        Wire.json(chunk).path("choices").path(0).path("delta").path("thinking_blocks").forEach(blocks::add);
      }
    }
    assistant.set("tool_calls", message.path("tool_calls"));
    return assistant;
  }

  @Override
  public void errorRows(Matrix.Cells cells, GatewayException error, Recorded recorded) {
    byte[] out = OpenAiErrors.render(error).getBytes();
    cells.check("error: OpenAI error JSON (spec ErrorResponse), status, message", () -> {
      OpenAiSpec.assertValid("ErrorResponse", out);
      assertThat(error.status()).isEqualTo(recorded.provider().clientStatus(recorded.status()));
      assertThat(Wire.json(out).path("error").path("message").asText())
          .isEqualTo(recorded.provider().errorMessage(recorded.body()));
    });
  }

  @Override
  public byte[] nextTurn(JsonNode turn, List<Answer.Call> calls) {
    ObjectNode request = Fixtures.JSON.createObjectNode().put("model", "client-model");
    var messages = request.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Go on.");
    messages.add(turn);
    for (Answer.Call call : calls) {
      messages.addObject().put("role", "tool").put("tool_call_id", call.id()).put("content", "done");
    }
    return Fixtures.compact(request);
  }

  // ---- provider ----

  @Override
  public Translation<byte[]> fromCanonical(ChatRequest request, String model) {
    return EGRESS.encodeRequest(request, ProductionCodecs.target(providerKind, model));
  }

  @Override
  public String requestJudge() {
    return "request: spec CreateChatCompletionRequest and openai-java params body";
  }

  /**
   * The spec is the contract; the SDK must read the body too, and its validation must pass unless
   * all it objects to is an enum value the spec lists and the SDK's version does not know yet.
   */
  @Override
  public String validateRequest(byte[] body) {
    OpenAiSpec.assertValid("CreateChatCompletionRequest", body);
    var params = OpenAiSpec.readAs(body, ChatCompletionCreateParams.Body.class);
    try {
      params.validate();
      return null;
    } catch (com.openai.errors.OpenAIInvalidDataException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Unknown ")) {
        return "spec-valid; the openai-java version here predates the value (" + e.getMessage() + ")";
      }
      throw e;
    }
  }

  @Override
  public ChatRequest readBack(byte[] body, ChatRequest sent) {
    return OpenAiChatToCanonical.translate(body).value();
  }

  @Override
  public String egressDropped() {
    return "request: fields dropped for " + label + " (CanonicalToOpenAiChatRequest)";
  }

  @Override
  public Translation<ChatResponse> decodeAnswer(byte[] body) {
    return Translation.complete(EGRESS.decodeResponse(body));
  }

  @Override
  public Answer recordedAnswer(byte[] body) {
    return completionAnswer(body);
  }

  @Override
  public List<StreamEvent> decodeStream(byte[] body) {
    return ProductionCodecs.decode(WireProtocol.OPENAI, Wire.sse(body));
  }

  @Override
  public Answer recordedStreamAnswer(byte[] body) {
    return streamAnswer(Wire.openAiData(body));
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return EGRESS.decodeError(status, body);
  }

  @Override
  public String errorMessage(JsonNode body) {
    return body.path("error").path("message").asText();
  }

  @Override
  public void errorLossRows(Matrix.Cells cells, Protocol client, JsonNode body) {
    JsonNode error = body.path("error");
    if (client.kind() != Kind.OPENAI && (error.path("param").isTextual() || error.path("code").isTextual())) {
      cells.add("error: param and code", Status.LOSS, client.kind() == Kind.GEMINI
          ? "Google's error JSON has only code, message and status (GeminiErrors.render)"
          : "Anthropic's error JSON has only type and message (AnthropicErrors.render)");
    }
  }
}
