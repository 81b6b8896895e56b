package dev.switchyard.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.testing.ClaudeCodeCapture;
import dev.switchyard.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A complete request of Claude Code on a model it does not know ({@link ClaudeCodeCapture}) through
 * translation to every other provider — judged by the provider's SDK and read back — and a
 * provider's streamed answer back to it.
 */
class ClaudeCodeRequestTest {
  /** What Claude Code's request holds that no other provider takes. */
  private static final List<String> INGRESS_DROPPED = List.of("cache_control (on blocks)",
      "tools[10].defer_loading");

  private static byte[] captured() {
    return ClaudeCodeCapture.request();
  }

  private static Translation<ChatRequest> canonical() {
    return AnthropicProtocol.INSTANCE.toCanonical(captured(), "/v1/messages");
  }

  @Test
  void theCapturedRequestHoldsWhatClaudeCodeSends() {
    JsonNode body = Wire.json(captured());
    assertThat(body.path("thinking")).isEqualTo(Wire.json("{\"type\":\"adaptive\",\"display\":\"omitted\"}"
        .getBytes()));
    assertThat(body.at("/output_config/effort").asText()).isEqualTo("high");
    assertThat(body.at("/context_management/edits/0/type").asText()).isEqualTo("clear_thinking_20251015");
    assertThat(body.path("messages").findValuesAsText("role")).containsExactly("user", "system");
    assertThat(body.path("tools")).hasSizeGreaterThanOrEqualTo(12);
    assertThat(body.path("stream").asBoolean()).isTrue();
  }

  @Test
  void itTranslatesWithItsSystemMessageInPlaceAndAdaptiveThinkingAtItsEffort() {
    Translation<ChatRequest> in = canonical();
    assertThat(in.dropped()).containsExactlyElementsOf(INGRESS_DROPPED);
    ChatRequest request = in.value();
    assertThat(request.items()).extracting(item -> ((Item.Message) item).role())
        .containsExactly(Role.SYSTEM, Role.USER, Role.SYSTEM);
    assertThat(((Item.Message) request.items().get(2)).content().get(0))
        .isInstanceOfSatisfying(ContentPart.Text.class, text -> assertThat(text.text()).startsWith("# Environment"));
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.of("high"), Optional.empty(), true));
    assertThat(request.tools()).hasSize(12);
    assertThat(request.stream()).isTrue();
  }

  static Stream<Protocol> providers() {
    return Stream.of(OpenAiProtocol.OPENAI, OpenAiProtocol.COMPATIBLE, GeminiProtocol.INSTANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void itReachesEveryOtherProviderAsABodyItsSdkAcceptsAndReadsBack(Protocol provider) throws Exception {
    ChatRequest sent = canonical().value();
    Translation<byte[]> out = provider.fromCanonical(sent, provider.upstreamModel());
    provider.validateRequest(out.value());
    ChatRequest arrived = provider.readBack(out.value(), sent);

    assertThat(arrived.tools()).extracting(t -> t.name())
        .containsExactlyElementsOf(sent.tools().stream().map(t -> t.name()).toList());
    assertThat(arrived.reasoning()).isPresent();
    if (provider.kind() == Protocol.Kind.GEMINI) {
      // Gemini's one system instruction holds the top-level system; the later system message is user text.
      // Schema keywords Gemini's tool schema lacks are named as GeminiSchemas documents.
      assertThat(out.dropped()).filteredOn(d -> !d.matches("tools\\[\\d+]\\.parameters\\..*")).containsExactly(
          "items[2] (system role: after the conversation began it goes as user text at its place, Gemini having "
              + "no system role in contents)", "user");
      assertThat(arrived.items()).extracting(item -> ((Item.Message) item).role())
          .containsExactly(Role.SYSTEM, Role.USER);
      assertThat(Wire.json(out.value()).at("/generationConfig/thinkingConfig")).isEqualTo(
          Wire.json("{\"thinkingBudget\":24576,\"includeThoughts\":false}".getBytes()));
    } else {
      assertThat(out.dropped()).isEmpty();
      assertThat(arrived.items()).isEqualTo(sent.items());
      assertThat(Wire.json(out.value()).path("reasoning_effort").asText()).isEqualTo("high");
      assertThat(Wire.json(out.value()).path("user").asText()).isEqualTo(sent.user().orElseThrow());
    }
  }

  /** Each provider's recorded streamed answer, as Claude Code reads it. */
  static Stream<Object[]> streamedAnswers() {
    return Stream.of(new Object[] {OpenAiProtocol.OPENAI, "openai", "chat-tool-call-stream"},
        new Object[] {GeminiProtocol.INSTANCE, "gemini", "function-call-stream-thought-signature"},
        new Object[] {GeminiProtocol.INSTANCE, "gemini", "stream-text-sse"});
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("streamedAnswers")
  void theProvidersStreamedAnswerReachesItAsAnthropicEvents(Protocol provider, String dir, String name) {
    byte[] recorded = Fixtures.load(dir, name).first().response().body();
    List<StreamEvent> events = provider.decodeStream(recorded);
    Matrix matrix = new Matrix();
    Protocol.Received received = AnthropicProtocol.INSTANCE.encodeStream(matrix.cells(name, "to Claude Code"),
        events, new Protocol.StreamAsk(false, false));

    assertThat(matrix.failures()).isEmpty();
    Answer expected = provider.recordedStreamAnswer(recorded);
    assertThat(received.answer().text()).isEqualTo(expected.text());
    assertThat(expected.sameCalls(received.answer().calls())).isTrue();
  }
}
