package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.fidelity.Matrix.Status;
import dev.switchyard.pipeline.GatewayException;
import dev.switchyard.pipeline.UpstreamErrors;
import dev.switchyard.protocol.anthropic.AnthropicErrors;
import dev.switchyard.protocol.anthropic.AnthropicStreamDecoder;
import dev.switchyard.protocol.anthropic.AnthropicStreamEncoder;
import dev.switchyard.protocol.anthropic.AnthropicToCanonical;
import dev.switchyard.protocol.anthropic.CanonicalToAnthropic;
import dev.switchyard.protocol.openai.CanonicalToOpenAiChat;
import dev.switchyard.protocol.openai.CanonicalToOpenAiChatRequest;
import dev.switchyard.protocol.openai.OpenAiChatEgress;
import dev.switchyard.protocol.openai.OpenAiChatResponseToCanonical;
import dev.switchyard.protocol.openai.OpenAiChatStreamDecoder;
import dev.switchyard.protocol.openai.OpenAiChatStreamEncoder;
import dev.switchyard.protocol.openai.OpenAiChatToCanonical;
import dev.switchyard.protocol.openai.OpenAiErrors;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.OpenAiSpec;
import dev.switchyard.translation.EgressCodec;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fidelity matrix: every recorded case of {@code ../shared/fixtures/openai} (chat) and
 * {@code ../shared/fixtures/anthropic} through each translation direction it applies to, judged by
 * the official SDKs' types and accumulators and OpenAI's spec. Each case, direction and aspect is
 * a row; what is lossy by design is a documented loss with its reason, anything else must pass.
 * The table goes to stdout and {@code target/fidelity.md}; {@code docs/fidelity.md} publishes it.
 */
class FidelityMatrixTest {
  static final String OPENAI_TO_ANTHROPIC = "OpenAI client → Anthropic provider";
  static final String ANTHROPIC_TO_OPENAI = "Anthropic client → OpenAI provider";
  static final String OPENAI_CONTROL = "OpenAI → canonical → OpenAI";
  static final String ANTHROPIC_CONTROL = "Anthropic → canonical → Anthropic";
  private static final String CLAUDE = "claude-sonnet-4-6";
  private static final String GPT = "gpt-4o";
  /** Request fields AnthropicToCanonical ignores because they only tune Anthropic's own service. */
  private static final List<String> ANTHROPIC_TUNING = List.of("cache_control", "service_tier", "inference_geo",
      "speed", "context_management");

  private final Matrix matrix = new Matrix();

  @Test
  void everyCellPassesOrIsADocumentedLoss() throws IOException {
    String table = Generated.TABLE;
    System.out.println(table);
    Path out = Path.of("target", "fidelity.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);

    assertThat(Generated.MATRIX.rows()).as("the matrix has rows").hasSizeGreaterThan(50);
    assertThat(Generated.MATRIX.failures()).as("cells that are neither a pass nor a documented loss").isEmpty();
  }

  @Test
  void publishedTableIsTheGeneratedOne() throws IOException {
    String published = Files.readString(Path.of("docs", "fidelity.md"));
    assertThat(published).as("docs/fidelity.md holds the table this test generates; regenerate it and copy "
        + "target/fidelity.md into it").contains(Generated.TABLE);
  }

  /** The matrix, filled once for both tests. */
  private static final class Generated {
    static final Matrix MATRIX = fill();
    static final String TABLE = MATRIX.markdown();

    private static Matrix fill() {
      FidelityMatrixTest run = new FidelityMatrixTest();
      try {
        run.fill();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return run.matrix;
    }
  }

  private void fill() throws IOException {
    for (String name : caseNames("openai")) {
      if (!name.startsWith("chat-")) {
        matrix.add(name, "—", "all", Status.SKIP, skipReason(name));
        continue;
      }
      List<Fixtures.Exchange> exchanges = Fixtures.load("openai", name).exchanges();
      for (int i = 0; i < exchanges.size(); i++) {
        openAiCase(exchanges.size() == 1 ? name : name + " #" + (i + 1), exchanges.get(i));
      }
    }
    for (String name : caseNames("anthropic")) {
      List<Fixtures.Exchange> exchanges = Fixtures.load("anthropic", name).exchanges();
      for (int i = 0; i < exchanges.size(); i++) {
        anthropicCase(exchanges.size() == 1 ? name : name + " #" + (i + 1), exchanges.get(i));
      }
    }
  }

  // ---- cases ----

  private void openAiCase(String name, Fixtures.Exchange exchange) {
    Fixtures.Response response = exchange.response();
    if (exchange.requestBody().isPresent()) {
      openAiRequestToAnthropic(name, exchange.requestBytes());
      openAiRequestControl(name, exchange.requestBytes());
    }
    boolean includeUsage = exchange.requestBody()
        .map(r -> r.path("stream_options").path("include_usage").asBoolean(false)).orElse(false);
    if (response.status() != 200) {
      openAiErrorToAnthropic(name, response);
      openAiErrorControl(name, response);
    } else if (response.raw()) {
      openAiStreamToAnthropic(name, response.body());
      openAiStreamControl(name, response.body(), includeUsage);
    } else {
      openAiResponseToAnthropic(name, response.body());
      openAiResponseControl(name, response.body());
    }
  }

  private void anthropicCase(String name, Fixtures.Exchange exchange) {
    Fixtures.Response response = exchange.response();
    if (exchange.requestBody().isPresent()) {
      anthropicRequestToOpenAi(name, exchange.requestBytes(), exchange.request());
      anthropicRequestControl(name, exchange.requestBytes(), exchange.request());
    } else {
      matrix.add(name, "—", "request", Status.SKIP, "the recording kept no request (response stream only)");
    }
    if (response.status() != 200) {
      anthropicErrorToOpenAi(name, response);
      anthropicErrorControl(name, response);
    } else if (response.raw()) {
      anthropicStreamToOpenAi(name, response.body());
      anthropicStreamControl(name, response.body());
    } else {
      anthropicResponseToOpenAi(name, response.body());
      anthropicResponseControl(name, response.body());
    }
  }

  // ---- requests ----

  private void openAiRequestToAnthropic(String name, byte[] body) {
    String dir = OPENAI_TO_ANTHROPIC;
    Translation<ChatRequest> in = OpenAiChatToCanonical.translate(body);
    droppedRow(name, dir, "request: fields named in x-switchyard-dropped-fields", in.dropped());
    byte[] out;
    try {
      out = CanonicalToAnthropic.request(in.value(), CLAUDE);
    } catch (GatewayException e) {
      matrix.add(name, dir, "request: translates", Status.FAIL, e.status() + " " + e.getMessage());
      return;
    }
    matrix.check(name, dir, "request: anthropic-java MessageCreateParams.Body reads and validates",
        () -> Wire.anthropicRequest(out));
    compareRequests(name, dir, in.value(), AnthropicToCanonical.request(out));
  }

  private void openAiRequestControl(String name, byte[] body) {
    String dir = OPENAI_CONTROL;
    Translation<ChatRequest> in = OpenAiChatToCanonical.translate(body);
    Translation<byte[]> out = CanonicalToOpenAiChatRequest.request(in.value(), in.value().model(),
        CanonicalToOpenAiChatRequest.Options.OPENAI);
    droppedRow(name, dir, "request: fields dropped either way", concat(in.dropped(), out.dropped()));
    openAiRequestRow(name, dir, out.value());
    compareRequests(name, dir, in.value(), OpenAiChatToCanonical.translate(out.value()).value());
  }

  private void anthropicRequestToOpenAi(String name, byte[] body, JsonNode raw) {
    String dir = ANTHROPIC_TO_OPENAI;
    ChatRequest in = AnthropicToCanonical.request(body);
    tuningRow(name, dir, raw);
    Translation<byte[]> out = CanonicalToOpenAiChatRequest.request(in, GPT,
        CanonicalToOpenAiChatRequest.Options.OPENAI);
    droppedRow(name, dir, "request: fields dropped for OpenAI (CanonicalToOpenAiChatRequest)", out.dropped());
    openAiRequestRow(name, dir, out.value());
    compareRequests(name, dir, in, OpenAiChatToCanonical.translate(out.value()).value());
  }

  private void anthropicRequestControl(String name, byte[] body, JsonNode raw) {
    String dir = ANTHROPIC_CONTROL;
    ChatRequest in = AnthropicToCanonical.request(body);
    tuningRow(name, dir, raw);
    byte[] out = CanonicalToAnthropic.request(in, in.model());
    matrix.check(name, dir, "request: anthropic-java MessageCreateParams.Body reads and validates",
        () -> Wire.anthropicRequest(out));
    compareRequests(name, dir, in, AnthropicToCanonical.request(out));
  }

  /**
   * The spec is the contract; the SDK must read the body too, and its validation must pass unless
   * all it objects to is an enum value the spec lists and the SDK's version does not know yet.
   */
  private void openAiRequestRow(String name, String dir, byte[] body) {
    String aspect = "request: spec CreateChatCompletionRequest and openai-java params body";
    matrix.checkWithNote(name, dir, aspect, () -> {
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
    });
  }

  private void droppedRow(String name, String dir, String aspect, List<String> dropped) {
    if (!dropped.isEmpty()) {
      matrix.add(name, dir, aspect, Status.LOSS, String.join(", ", dropped));
    }
  }

  /** Anthropic-only tuning fields in the recorded request, which no other provider has a place for. */
  private void tuningRow(String name, String dir, JsonNode raw) {
    List<String> found = new ArrayList<>();
    ANTHROPIC_TUNING.stream().filter(raw::has).forEach(found::add);
    if (raw.findValue("cache_control") != null && !found.contains("cache_control")) {
      found.add("cache_control (on blocks)");
    }
    if (!found.isEmpty()) {
      matrix.add(name, dir, "request: Anthropic service tuning", Status.LOSS, String.join(", ", found)
          + " ignored by AnthropicToCanonical: they tune Anthropic's own service, not the answer");
    }
  }

  private void compareRequests(String name, String dir, ChatRequest sent, ChatRequest arrived) {
    matrix.check(name, dir, "request: conversation (text, media, tool calls and results, ids)",
        () -> assertThat(RequestDigest.conversation(arrived)).isEqualTo(RequestDigest.conversation(sent)));
    List<String> reasoning = RequestDigest.reasoning(sent);
    if (!reasoning.isEmpty()) {
      if (RequestDigest.reasoning(arrived).equals(reasoning)) {
        matrix.add(name, dir, "request: earlier turns' reasoning and signatures", Status.PASS, "");
      } else {
        lossOrFail(name, dir, "request: earlier turns' reasoning and signatures", "reasoning items", sent,
            reasoning.size() + " signed or encrypted reasoning item(s) became "
                + RequestDigest.reasoning(arrived).size());
      }
    }
    Map<String, Object> arrivedSettings = RequestDigest.settings(arrived);
    RequestDigest.settings(sent).forEach((key, value) -> {
      Object got = arrivedSettings.get(key);
      String aspect = "request: " + key;
      if (Objects.equals(value, got)) {
        matrix.add(name, dir, aspect, Status.PASS, "");
      } else {
        lossOrFail(name, dir, aspect, key, sent, value + " became " + got);
      }
    });
  }

  private void lossOrFail(String name, String dir, String aspect, String key, ChatRequest sent, String what) {
    Optional<String> reason = RequestLosses.reason(dir, key, sent);
    matrix.add(name, dir, aspect, reason.isPresent() ? Status.LOSS : Status.FAIL,
        reason.map(r -> r + " (" + shorten(what) + ")").orElse(shorten(what)));
  }

  // ---- complete answers ----

  private void anthropicResponseToOpenAi(String name, byte[] body) {
    String dir = OPENAI_TO_ANTHROPIC;
    Answer expected = Answer.fromAnthropic(Wire.anthropicMessage(body));
    Translation<byte[]> out = CanonicalToOpenAiChat.response(AnthropicToCanonical.response(body), CLAUDE, 0);
    droppedRow(name, dir, "response: dropped", out.dropped());
    JsonNode[] completion = new JsonNode[1];
    matrix.check(name, dir, "response: openai-java ChatCompletion reads and validates",
        () -> completion[0] = Wire.openAiCompletion(out.value()));
    if (completion[0] == null) {
      return;
    }
    JsonNode message = Wire.json(out.value()).path("choices").path(0).path("message");
    compareAnswers(name, dir, "response", expected, Answer.fromOpenAi(completion[0],
        Answer.reasoningOf(message), Answer.signaturesOf(message.path("thinking_blocks"))));
    nextTurn(name, dir, "response", expected, message);
  }

  /**
   * Multi-turn tool use with thinking: the OpenAI client sends the assistant message it got back
   * unchanged, with a result for each tool call, and the Anthropic request made of it must hold the
   * signed thinking blocks and the tool_use blocks as Anthropic first sent them.
   */
  private void nextTurn(String name, String dir, String what, Answer expected, JsonNode assistant) {
    if (expected.signatures().isEmpty() || expected.calls().isEmpty()) {
      return;
    }
    matrix.check(name, dir, what + ": next turn sends thinking signatures and tool calls back to Anthropic",
        () -> {
          var request = Fixtures.JSON.createObjectNode().put("model", "client-model");
          var messages = request.putArray("messages");
          messages.addObject().put("role", "user").put("content", "Go on.");
          messages.add(assistant);
          for (Answer.Call call : expected.calls()) {
            messages.addObject().put("role", "tool").put("tool_call_id", call.id()).put("content", "done");
          }
          Translation<ChatRequest> canonical = OpenAiChatToCanonical.translate(Fixtures.compact(request));
          assertThat(canonical.dropped()).isEmpty();
          byte[] out = CanonicalToAnthropic.request(canonical.value(), CLAUDE);
          Wire.anthropicRequest(out);
          JsonNode sentBack = Wire.json(out).path("messages").path(1);
          assertThat(sentBack.path("role").asText()).isEqualTo("assistant");
          List<String> signatures = new ArrayList<>();
          List<Answer.Call> calls = new ArrayList<>();
          StringBuilder thinking = new StringBuilder();
          for (JsonNode block : sentBack.path("content")) {
            switch (block.path("type").asText()) {
              case "thinking" -> {
                signatures.add(block.path("signature").asText());
                thinking.append(block.path("thinking").asText());
              }
              case "tool_use" -> calls.add(new Answer.Call(block.path("id").asText(),
                  block.path("name").asText(), block.path("input")));
              default -> { }
            }
          }
          assertThat(signatures).isEqualTo(expected.signatures());
          assertThat(thinking.toString()).isEqualTo(expected.reasoning());
          assertThat(calls).isEqualTo(expected.calls());
        });
  }

  private void anthropicResponseControl(String name, byte[] body) {
    String dir = ANTHROPIC_CONTROL;
    Answer expected = Answer.fromAnthropic(Wire.anthropicMessage(body));
    byte[] out = CanonicalToAnthropic.response(AnthropicToCanonical.response(body), "client-model");
    JsonNode[] message = new JsonNode[1];
    matrix.check(name, dir, "response: anthropic-java Message reads and validates",
        () -> message[0] = Wire.anthropicMessage(out));
    if (message[0] != null) {
      compareAnswers(name, dir, "response", expected, Answer.fromAnthropic(message[0]));
    }
  }

  private void openAiResponseToAnthropic(String name, byte[] body) {
    String dir = ANTHROPIC_TO_OPENAI;
    Answer expected = openAiAnswer(body);
    Translation<ChatResponse> in = OpenAiChatResponseToCanonical.translate(body);
    droppedRow(name, dir, "response: dropped", in.dropped());
    byte[] out;
    try {
      out = CanonicalToAnthropic.response(in.value(), "client-model");
    } catch (GatewayException e) {
      matrix.add(name, dir, "response: translates", Status.FAIL, e.status() + " " + e.getMessage());
      return;
    }
    JsonNode[] message = new JsonNode[1];
    matrix.check(name, dir, "response: anthropic-java Message reads and validates",
        () -> message[0] = Wire.anthropicMessage(out));
    if (message[0] != null) {
      compareAnswers(name, dir, "response", expected, Answer.fromAnthropic(message[0]));
    }
  }

  private void openAiResponseControl(String name, byte[] body) {
    String dir = OPENAI_CONTROL;
    Answer expected = openAiAnswer(body);
    Translation<ChatResponse> in = OpenAiChatResponseToCanonical.translate(body);
    Translation<byte[]> out = CanonicalToOpenAiChat.response(in.value(), "client-model", 0);
    droppedRow(name, dir, "response: dropped", concat(in.dropped(), out.dropped()));
    JsonNode[] completion = new JsonNode[1];
    matrix.check(name, dir, "response: openai-java ChatCompletion reads and validates",
        () -> completion[0] = Wire.openAiCompletion(out.value()));
    if (completion[0] != null) {
      compareAnswers(name, dir, "response", expected, openAiAnswer(out.value()));
    }
  }

  private static Answer openAiAnswer(byte[] body) {
    JsonNode message = Wire.json(body).path("choices").path(0).path("message");
    return Answer.fromOpenAi(Wire.openAiCompletion(body), Answer.reasoningOf(message),
        Answer.signaturesOf(message.path("thinking_blocks")));
  }

  // ---- streams ----

  private void anthropicStreamToOpenAi(String name, byte[] body) {
    String dir = OPENAI_TO_ANTHROPIC;
    List<byte[]> payloads = Wire.anthropicPayloads(body);
    Answer expected = Answer.fromAnthropic(Wire.accumulateAnthropic(payloads));
    List<StreamEvent> events = decodeAnthropic(payloads);
    List<String> data = encodeOpenAi(events, true);
    streamToOpenAi(name, dir, expected, data);
  }

  private void openAiStreamControl(String name, byte[] body, boolean includeUsage) {
    String dir = OPENAI_CONTROL;
    List<String> recorded = Wire.openAiData(body);
    Answer expected = openAiStreamAnswer(recorded);
    List<String> data = encodeOpenAi(decodeOpenAi(body), includeUsage);
    streamToOpenAi(name, dir, expected, data);
  }

  private void streamToOpenAi(String name, String dir, Answer expected, List<String> data) {
    matrix.check(name, dir, "stream: ends with [DONE]", () -> assertThat(data).last().isEqualTo("[DONE]"));
    Answer[] actual = new Answer[1];
    matrix.check(name, dir, "stream: every chunk reads as openai-java ChatCompletionChunk; "
        + "ChatCompletionAccumulator rebuilds the answer", () -> actual[0] = openAiStreamAnswer(data));
    if (actual[0] != null) {
      compareAnswers(name, dir, "stream", expected, actual[0]);
      if (dir.equals(OPENAI_TO_ANTHROPIC)) {
        nextTurn(name, dir, "stream", expected, streamedAssistant(data));
      }
    }
  }

  /**
   * The assistant message a client builds from a stream to send back: the accumulated content and
   * tool calls, with the {@code thinking_blocks} entries the chunks carried.
   */
  private static JsonNode streamedAssistant(List<String> data) {
    JsonNode message = Wire.accumulateOpenAi(data).path("choices").path(0).path("message");
    var assistant = Fixtures.JSON.createObjectNode().put("role", "assistant");
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

  private void openAiStreamToAnthropic(String name, byte[] body) {
    String dir = ANTHROPIC_TO_OPENAI;
    Answer expected = openAiStreamAnswer(Wire.openAiData(body));
    streamToAnthropic(name, dir, expected, decodeOpenAi(body));
  }

  private void anthropicStreamControl(String name, byte[] body) {
    String dir = ANTHROPIC_CONTROL;
    List<byte[]> payloads = Wire.anthropicPayloads(body);
    Answer expected = Answer.fromAnthropic(Wire.accumulateAnthropic(payloads));
    streamToAnthropic(name, dir, expected, decodeAnthropic(payloads));
  }

  private void streamToAnthropic(String name, String dir, Answer expected, List<StreamEvent> events) {
    AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("client-model");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    events.forEach(e -> out.writeBytes(encoder.encode(e)));
    List<SseEvent> sse = Wire.sse(out.toByteArray());
    matrix.check(name, dir, "stream: message_start … message_stop, each event named as its type", () -> {
      List<String> types = sse.stream().map(e -> Wire.json(e.data()).path("type").asText()).toList();
      assertThat(types).first().isEqualTo("message_start");
      assertThat(types).last().isEqualTo("message_stop");
      for (SseEvent event : sse) {
        assertThat(event.type()).isEqualTo(Wire.json(event.data()).path("type").asText());
      }
    });
    List<byte[]> payloads = sse.stream().map(SseEvent::data).toList();
    JsonNode[] message = new JsonNode[1];
    matrix.check(name, dir, "stream: every event reads as anthropic-java RawMessageStreamEvent; "
        + "MessageAccumulator rebuilds the answer", () -> message[0] = Wire.accumulateAnthropic(payloads));
    if (message[0] != null) {
      compareAnswers(name, dir, "stream", expected, Answer.fromAnthropic(message[0]));
    }
  }

  /** What an OpenAI SDK user gets from chunks, plus the reasoning fields the SDK types do not name. */
  private static Answer openAiStreamAnswer(List<String> data) {
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

  private static List<StreamEvent> decodeAnthropic(List<byte[]> payloads) {
    List<StreamEvent> events = new ArrayList<>();
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(events::add);
    payloads.forEach(decoder::accept);
    return events;
  }

  private static List<StreamEvent> decodeOpenAi(byte[] body) {
    List<StreamEvent> events = new ArrayList<>();
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder(events::add);
    Wire.sse(body).forEach(decoder::accept);
    decoder.endOfInput();
    return events;
  }

  /** The data of each chunk the OpenAI encoder writes, checking each write is one SSE event. */
  private static List<String> encodeOpenAi(List<StreamEvent> events, boolean includeUsage) {
    List<Buffer> buffers = new ArrayList<>();
    OpenAiChatStreamEncoder encoder =
        new OpenAiChatStreamEncoder("client-model", 0, includeUsage, buffers::add);
    events.forEach(encoder::accept);
    List<String> data = new ArrayList<>();
    for (Buffer buffer : buffers) {
      List<SseEvent> sse = Wire.sse(buffer.getBytes());
      assertThat(sse).as("one SSE event per write").hasSize(1);
      data.add(new String(sse.get(0).data(), StandardCharsets.UTF_8));
    }
    return data;
  }

  // ---- answers compared ----

  private void compareAnswers(String name, String dir, String what, Answer expected, Answer actual) {
    matrix.check(name, dir, what + ": text", () -> assertThat(actual.text()).isEqualTo(expected.text()));
    if (!expected.reasoning().isEmpty()) {
      matrix.check(name, dir, what + ": reasoning text (reasoning_content / thinking, never in content)",
          () -> assertThat(actual.reasoning()).isEqualTo(expected.reasoning()));
    }
    if (!expected.signatures().isEmpty()) {
      matrix.check(name, dir, what + ": thinking signatures",
          () -> assertThat(actual.signatures()).isEqualTo(expected.signatures()));
    }
    if (!expected.calls().isEmpty()) {
      matrix.check(name, dir, what + ": tool calls (ids, names, arguments JSON-equal)",
          () -> assertThat(actual.calls()).isEqualTo(expected.calls()));
    }
    matrix.check(name, dir, what + ": finish reason",
        () -> assertThat(actual.finish()).isEqualTo(expected.finish()));
    if (expected.usage().isPresent()) {
      matrix.check(name, dir, what + ": usage (all input, output, cached input)",
          () -> assertThat(actual.usage()).isEqualTo(expected.usage()));
    }
  }

  // ---- errors ----

  private void anthropicErrorToOpenAi(String name, Fixtures.Response response) {
    JsonNode original = Wire.json(response.body()).path("error");
    GatewayException error = asClientError(AnthropicErrors.parse(response.status(), response.body()));
    byte[] out = OpenAiErrors.render(error).getBytes();
    matrix.check(name, OPENAI_TO_ANTHROPIC, "error: OpenAI error JSON (spec ErrorResponse), status, message",
        () -> {
          OpenAiSpec.assertValid("ErrorResponse", out);
          assertThat(error.status()).isEqualTo(AnthropicErrors.clientStatus(response.status()));
          assertThat(Wire.json(out).path("error").path("message").asText())
              .isEqualTo(original.path("message").asText());
        });
  }

  private void anthropicErrorControl(String name, Fixtures.Response response) {
    JsonNode original = Wire.json(response.body()).path("error");
    GatewayException error = asClientError(AnthropicErrors.parse(response.status(), response.body()));
    byte[] out = AnthropicErrors.render(error);
    matrix.check(name, ANTHROPIC_CONTROL, "error: anthropic-java ErrorResponse, type, message", () -> {
      Wire.read(Wire.ANTHROPIC, out, ErrorResponse.class).validate();
      assertThat(Wire.json(out).path("error")).isEqualTo(original);
    });
  }

  private void openAiErrorToAnthropic(String name, Fixtures.Response response) {
    JsonNode original = Wire.json(response.body()).path("error");
    GatewayException error = asClientError(OpenAiChatEgress.INSTANCE.decodeError(response.status(),
        response.body()));
    byte[] out = AnthropicErrors.render(error);
    matrix.check(name, ANTHROPIC_TO_OPENAI, "error: anthropic-java ErrorResponse, type for the status, message",
        () -> {
          Wire.read(Wire.ANTHROPIC, out, ErrorResponse.class).validate();
          assertThat(error.status()).isEqualTo(response.status());
          assertThat(Wire.json(out).path("error").path("type").asText())
              .isEqualTo(AnthropicErrors.type(response.status()));
          assertThat(Wire.json(out).path("error").path("message").asText())
              .isEqualTo(original.path("message").asText());
        });
    if (original.path("param").isTextual() || original.path("code").isTextual()) {
      matrix.add(name, ANTHROPIC_TO_OPENAI, "error: param and code", Status.LOSS,
          "Anthropic's error JSON has only type and message (AnthropicErrors.render)");
    }
  }

  private void openAiErrorControl(String name, Fixtures.Response response) {
    JsonNode original = Wire.json(response.body()).path("error");
    GatewayException error = asClientError(OpenAiChatEgress.INSTANCE.decodeError(response.status(),
        response.body()));
    byte[] out = OpenAiErrors.render(error).getBytes();
    matrix.check(name, OPENAI_CONTROL, "error: OpenAI error JSON (spec ErrorResponse), status, message", () -> {
      OpenAiSpec.assertValid("ErrorResponse", out);
      assertThat(error.status()).isEqualTo(response.status());
      assertThat(Wire.json(out).path("error").path("message").asText())
          .isEqualTo(original.path("message").asText());
    });
  }

  /** The client-side error TranslatingForwarder makes of an upstream's error. */
  private static GatewayException asClientError(EgressCodec.UpstreamError error) {
    return new GatewayException(error.status(), UpstreamErrors.kindFor(error.status()), error.type(), null,
        error.message());
  }

  // ---- misc ----

  private static String skipReason(String name) {
    if (name.startsWith("embeddings-")) {
      return "embeddings: same-protocol passthrough only; Anthropic has no embeddings API to translate to";
    }
    if (name.startsWith("images-")) {
      return "image generation: passthrough only; Anthropic has no image generation API";
    }
    if (name.startsWith("responses-")) {
      return "Responses API: no translator yet (chat completions only); passthrough to OpenAI";
    }
    return "not a chat case";
  }

  private static List<String> caseNames(String provider) throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.sharedDir().resolve("fixtures").resolve(provider))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
    }
  }

  private static String shorten(String text) {
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
