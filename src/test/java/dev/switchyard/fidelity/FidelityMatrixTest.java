package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.fidelity.Matrix.Status;
import dev.switchyard.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fidelity matrix: every recorded chat case of {@code ../shared/fixtures/openai},
 * {@code ../shared/fixtures/anthropic} and {@code ../shared/fixtures/gemini} through every ingress ×
 * egress pair, judged by the official SDKs' types and accumulators and OpenAI's spec. A case's
 * request goes from its own protocol to every provider's (and back, as a control); its recorded
 * answer goes from its provider to every client. Each case, direction and aspect is a row; what is
 * lossy by design is a documented loss with its reason, anything else must pass. The table goes to
 * stdout and {@code target/fidelity.md}; {@code docs/fidelity.md} publishes it.
 */
class FidelityMatrixTest {
  /** The protocols clients speak, each with its fixtures directory. */
  private static final Map<Protocol, String> CLIENTS = new LinkedHashMap<>();
  static {
    CLIENTS.put(OpenAiProtocol.OPENAI, "openai");
    CLIENTS.put(AnthropicProtocol.INSTANCE, "anthropic");
    CLIENTS.put(GeminiProtocol.INSTANCE, "gemini");
  }
  /** The protocols providers speak. */
  private static final List<Protocol> PROVIDERS = List.of(OpenAiProtocol.OPENAI, AnthropicProtocol.INSTANCE,
      GeminiProtocol.INSTANCE, OpenAiProtocol.COMPATIBLE);

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
    for (Map.Entry<Protocol, String> source : CLIENTS.entrySet()) {
      for (String name : caseNames(source.getValue())) {
        Optional<String> skip = skipReason(source.getKey(), name);
        if (skip.isPresent()) {
          matrix.add(name, "—", "all", Status.SKIP, skip.get());
          continue;
        }
        List<Fixtures.Exchange> exchanges = Fixtures.load(source.getValue(), name).exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
          runCase(source.getKey(), exchanges.size() == 1 ? name : name + " #" + (i + 1), exchanges.get(i));
        }
      }
    }
    matrix.add("all openai cases", direction(OpenAiProtocol.OPENAI, OpenAiProtocol.COMPATIBLE), "all", Status.SKIP,
        "OpenAI clients on OpenAI-compatible providers are passed through, not translated (OpenAiPassthrough)");
    for (Protocol client : List.of(AnthropicProtocol.INSTANCE, GeminiProtocol.INSTANCE)) {
      matrix.add("all openai cases", direction(client, OpenAiProtocol.COMPATIBLE), "answers", Status.SKIP,
          "an OpenAI-compatible answer is read by the same decoders as OpenAI's (OpenAiChatEgress): "
              + "the OpenAI provider rows cover it; no compatible server's recording is here");
    }
  }

  static String direction(Protocol client, Protocol provider) {
    return client == provider ? client.label() + " → canonical → " + client.label()
        : client.label() + " client → " + provider.label() + " provider";
  }

  // ---- cases ----

  /**
   * One exchange of {@code source}'s recordings: its request to every other provider and to its
   * own (the control), and its provider's answer to every other client and to its own.
   */
  private void runCase(Protocol source, String name, Fixtures.Exchange exchange) {
    if (exchange.requestBody().isPresent()) {
      for (Protocol provider : PROVIDERS) {
        if (provider != source && !passedThrough(source, provider)) {
          request(matrix.cells(name, direction(source, provider)), source, provider, exchange);
        }
      }
      request(matrix.cells(name, direction(source, source)), source, source, exchange);
    } else {
      matrix.add(name, "—", "request", Status.SKIP, "the recording kept no request (response stream only)");
    }
    Fixtures.Response response = exchange.response();
    for (Protocol client : CLIENTS.keySet()) {
      if (client != source) {
        answer(matrix.cells(name, direction(client, source)), client, source, exchange, false);
      }
    }
    answer(matrix.cells(name, direction(source, source)), source, source, exchange, true);
  }

  private static boolean passedThrough(Protocol client, Protocol provider) {
    return client.kind() == Protocol.Kind.OPENAI && provider.kind() == Protocol.Kind.OPENAI_COMPATIBLE;
  }

  // ---- requests ----

  private void request(Matrix.Cells cells, Protocol client, Protocol provider, Fixtures.Exchange exchange) {
    Translation<ChatRequest> in;
    try {
      in = client.toCanonical(exchange.requestBytes(), exchange.urlPath());
    } catch (GatewayException e) {
      // a client's field that no translation can honour is refused with a 400 naming it, by design
      cells.add("request: translates", e.status() == 400 ? Status.LOSS : Status.FAIL, "refused with "
          + e.status() + " by " + client.label() + "'s ingress: " + e.getMessage()
          + (client == provider ? " (same-protocol traffic is passed through, where it works)" : ""));
      return;
    }
    client.ingressRows(cells, in, exchange.request());
    String model = client == provider ? in.value().model() : provider.upstreamModel();
    Translation<byte[]> out;
    try {
      out = provider.fromCanonical(in.value(), model);
    } catch (GatewayException e) {
      cells.add("request: translates", Status.FAIL, e.status() + " " + e.getMessage());
      return;
    }
    cells.dropped(provider.egressDropped(), out.dropped());
    cells.checkWithNote(provider.requestJudge(), () -> provider.validateRequest(out.value()));
    ChatRequest arrived;
    try {
      arrived = provider.readBack(out.value(), in.value());
    } catch (RuntimeException e) {
      cells.add("request: reads back", Status.FAIL, String.valueOf(e.getMessage()));
      return;
    }
    compareRequests(cells, client, provider, in.value(), arrived);
  }

  private void compareRequests(Matrix.Cells cells, Protocol client, Protocol provider, ChatRequest sent,
      ChatRequest arrived) {
    boolean gemini = provider.kind() == Protocol.Kind.GEMINI;
    cells.checkWithNote("request: conversation (text, media, tool calls and results, ids)", () -> {
      assertThat(RequestDigest.conversation(arrived, gemini)).isEqualTo(RequestDigest.conversation(sent));
      return gemini && !RequestDigest.conversation(arrived).equals(RequestDigest.conversation(sent))
          ? "tool results that are not a JSON object reach Gemini as {\"result\": text}, Gemini's convention "
              + "for a function response (CanonicalItemsToGemini), and are read back unwrapped here" : null;
    });
    List<String> reasoning = RequestDigest.reasoning(sent);
    if (!reasoning.isEmpty()) {
      if (RequestDigest.reasoning(arrived).equals(reasoning)) {
        cells.add("request: earlier turns' reasoning and signatures", Status.PASS, "");
      } else {
        lossOrFail(cells, client, provider, "request: earlier turns' reasoning and signatures", "reasoning items",
            sent, reasoning.size() + " signed or encrypted reasoning item(s) became "
                + RequestDigest.reasoning(arrived).size());
      }
    }
    Map<String, Object> arrivedSettings = RequestDigest.settings(arrived);
    RequestDigest.settings(sent).forEach((key, value) -> {
      Object got = arrivedSettings.get(key);
      String aspect = "request: " + key;
      if (Objects.equals(value, got)) {
        cells.add(aspect, Status.PASS, "");
      } else {
        lossOrFail(cells, client, provider, aspect, key, sent, value + " became " + got);
      }
    });
  }

  private static void lossOrFail(Matrix.Cells cells, Protocol client, Protocol provider, String aspect, String key,
      ChatRequest sent, String what) {
    Optional<String> reason = RequestLosses.reason(client.kind(), provider.kind(), key, sent);
    cells.add(aspect, reason.isPresent() ? Status.LOSS : Status.FAIL,
        reason.map(r -> r + " (" + shorten(what) + ")").orElse(shorten(what)));
  }

  // ---- answers ----

  /** The provider's recorded answer (complete, streamed or an error) as the client gets it. */
  private void answer(Matrix.Cells cells, Protocol client, Protocol provider, Fixtures.Exchange exchange,
      boolean control) {
    Fixtures.Response response = exchange.response();
    if (response.status() != 200) {
      error(cells, client, provider, response);
    } else if (response.raw()) {
      boolean includeUsage = !control || exchange.requestBody()
          .map(r -> r.path("stream_options").path("include_usage").asBoolean(false)).orElse(false);
      boolean jsonArray = control && new String(response.body(), StandardCharsets.UTF_8).stripLeading()
          .startsWith("[");
      stream(cells, client, provider, response.body(), new Protocol.StreamAsk(includeUsage, jsonArray));
    } else {
      complete(cells, client, provider, response.body());
    }
  }

  private void complete(Matrix.Cells cells, Protocol client, Protocol provider, byte[] body) {
    Answer expected = provider.recordedAnswer(body);
    Translation<ChatResponse> in = provider.decodeAnswer(body);
    Translation<byte[]> out;
    try {
      out = client.encodeAnswer(in.value());
    } catch (GatewayException e) {
      cells.add("response: translates", Status.FAIL, e.status() + " " + e.getMessage());
      return;
    }
    cells.dropped("response: dropped", concat(in.dropped(), out.dropped()));
    Protocol.Received[] received = new Protocol.Received[1];
    cells.check(client.answerJudge(), () -> received[0] = client.sdkReadsAnswer(out.value()));
    if (received[0] != null) {
      compareAnswers(cells, "response", expected, received[0].answer());
      nextTurn(cells, client, provider, "response", expected, received[0]);
    }
  }

  private void stream(Matrix.Cells cells, Protocol client, Protocol provider, byte[] body, Protocol.StreamAsk ask) {
    Answer expected = provider.recordedStreamAnswer(body);
    Protocol.Received received = client.encodeStream(cells, provider.decodeStream(body), ask);
    if (received != null) {
      compareAnswers(cells, "stream", expected, received.answer());
      nextTurn(cells, client, provider, "stream", expected, received);
    }
  }

  private void compareAnswers(Matrix.Cells cells, String what, Answer expected, Answer actual) {
    cells.check(what + ": text", () -> assertThat(actual.text()).isEqualTo(expected.text()));
    if (!expected.reasoning().isEmpty()) {
      cells.check(what + ": reasoning text (reasoning_content / thinking / thought parts, never in content)",
          () -> assertThat(actual.reasoning()).isEqualTo(expected.reasoning()));
    }
    if (!expected.signatures().isEmpty()) {
      cells.check(what + ": thinking signatures",
          () -> assertThat(RequestDigest.signatures(actual.signatures()))
              .isEqualTo(RequestDigest.signatures(expected.signatures())));
    }
    if (!expected.calls().isEmpty()) {
      cells.checkWithNote(what + ": tool calls (ids, names, arguments JSON-equal)", () -> {
        assertThat(expected.sameCalls(actual.calls())).as("%s are %s", actual.calls(), expected.calls()).isTrue();
        return expected.calls().stream().anyMatch(c -> c.id().isEmpty())
            ? "Gemini's calls carry no id; the ids GeminiToolCallIds gives them are not compared" : null;
      });
    }
    cells.check(what + ": finish reason", () -> assertThat(actual.finish()).isEqualTo(expected.finish()));
    if (expected.usage().isPresent()) {
      cells.check(what + ": usage (all input, output, cached input)",
          () -> assertThat(actual.usage()).isEqualTo(expected.usage()));
    }
  }

  /**
   * Multi-turn tool use with signed reasoning: the client sends the assistant turn it got back
   * unchanged, with a result for each tool call, and the provider's request made of it must hold
   * the signed reasoning and the tool calls as the provider first sent them.
   */
  private void nextTurn(Matrix.Cells cells, Protocol client, Protocol provider, String what, Answer expected,
      Protocol.Received received) {
    if (client == provider || expected.signatures().isEmpty() || expected.calls().isEmpty()) {
      return;
    }
    cells.check(what + ": next turn sends thinking signatures and tool calls back to " + provider.label(), () -> {
      byte[] request = client.nextTurn(received.turn(), received.answer().calls());
      Translation<ChatRequest> canonical = client.toCanonical(request, "/v1beta/models/client-model:generateContent");
      assertThat(canonical.dropped()).isEmpty();
      byte[] out = provider.fromCanonical(canonical.value(), provider.upstreamModel()).value();
      provider.validateRequest(out);
      List<String> signatures = new ArrayList<>();
      StringBuilder reasoning = new StringBuilder();
      List<Answer.Call> calls = new ArrayList<>();
      for (Item item : provider.readBack(out, canonical.value()).items()) {
        switch (item) {
          case Item.Reasoning r -> {
            r.signature().map(RequestDigest::signature)
                .filter(sig -> !sig.isEmpty() && !sig.equals(RequestDigest.SKIP_SIGNATURE))
                .ifPresent(signatures::add);
            reasoning.append(r.text());
          }
          case Item.ToolCall c -> calls.add(new Answer.Call(c.id(), c.name(),
              Wire.json(c.arguments().isBlank() ? "{}" : c.arguments())));
          default -> { }
        }
      }
      assertThat(signatures).isEqualTo(RequestDigest.signatures(expected.signatures()));
      assertThat(reasoning.toString()).isEqualTo(expected.reasoning());
      assertThat(expected.sameCalls(calls)).as("%s are %s", calls, expected.calls()).isTrue();
    });
  }

  // ---- errors ----

  private void error(Matrix.Cells cells, Protocol client, Protocol provider, Fixtures.Response response) {
    GatewayException error = asClientError(provider.decodeError(response.status(), response.body()));
    JsonNode body = Wire.json(response.body());
    client.errorRows(cells, error, new Protocol.Recorded(provider, response.status(), body));
    provider.errorLossRows(cells, client, body);
  }

  /** The client-side error TranslatingForwarder makes of an upstream's error. */
  private static GatewayException asClientError(UpstreamError error) {
    return error.toException(error.message());
  }

  // ---- misc ----

  /** Why a recorded case is not a chat case the matrix can run, if it is not. */
  private static Optional<String> skipReason(Protocol source, String name) {
    return Optional.ofNullable(switch (source.kind()) {
      case OPENAI -> name.startsWith("chat-") ? null
          : name.startsWith("embeddings-") ? "embeddings: not chat; OpenAI ↔ Gemini embeddings are translated by "
              + "their own codecs (GeminiEmbeddings*) and tested apart; Anthropic has no embeddings API"
          : name.startsWith("images-") ? "image generation: passthrough only; neither Anthropic nor Gemini's "
              + "generateContent has an image generation API to translate to"
          : name.startsWith("responses-") ? "Responses API: no translator yet (chat completions only); "
              + "passthrough to OpenAI"
          : "not a chat case";
      case GEMINI -> name.contains("embed") ? "embeddings: not chat; OpenAI ↔ Gemini embeddings are translated "
          + "by their own codecs (GeminiEmbeddings*) and tested apart; Anthropic has no embeddings API" : null;
      default -> null;
    });
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
