package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiResponseToCanonicalTest.signature;
import static dev.switchyard.protocol.gemini.GeminiResponseToCanonicalTest.text;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.body;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.sdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.types.Candidate;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.Part;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalToGeminiResponseTest {
  static Stream<Arguments> recordedResponses() {
    return Stream.of(Arguments.of("generate-text", 0), Arguments.of("function-call", 0),
        Arguments.of("function-call", 1), Arguments.of("cached-content-usage", 0),
        Arguments.of("structured-output", 0));
  }

  /** Decoded, encoded for a Gemini client and decoded again, every recorded answer is unchanged. */
  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedResponses")
  void recordedResponsesSurviveTheRoundTrip(String name, int exchange) {
    ChatResponse decoded = GeminiResponseToCanonical.response(body(name, exchange));
    byte[] encoded = CanonicalToGeminiResponse.response(decoded, "client-model");
    GenerateContentResponse sdk = sdk(encoded);
    assertThat(sdk.modelVersion()).contains("client-model");
    assertThat(sdk.responseId()).contains(decoded.id());
    ChatResponse again = GeminiResponseToCanonical.response(encoded);
    assertThat(again.candidates()).isEqualTo(decoded.candidates());
    assertThat(again.usage()).isEqualTo(decoded.usage());
  }

  @Test
  void reasoningSignaturesCallsAndUsageReachTheSdkWhereGeminiPutsThem() {
    ChatResponse response = new ChatResponse("resp-1", "upstream-model", List.of(new ChatResponse.Candidate(0,
        List.of(
            new Item.Reasoning("Thinking it over.", Optional.of("gemini:U0lHMQ=="), Optional.empty()),
            signature("gemini:U0lHMg=="),
            new Item.ToolCall("call_abc", "weather", "{\"city\":\"Paris\"}"),
            new Item.ToolCall("toolu_2", "time", ""),
            text("Both asked."),
            signature("gemini:U0lHMw==")),
        FinishReason.TOOL_CALLS, Optional.empty())), Optional.of(new Usage(100, 40, 0, 30, 12)));
    byte[] encoded = CanonicalToGeminiResponse.response(response, "gemini-client");
    Candidate candidate = sdk(encoded).candidates().orElseThrow().getFirst();
    List<Part> parts = candidate.content().orElseThrow().parts().orElseThrow();
    assertThat(parts).hasSize(5);
    assertThat(parts.get(0).thought()).contains(true);
    assertThat(parts.get(0).text()).contains("Thinking it over.");
    assertThat(parts.get(0).thoughtSignature()).hasValueSatisfying(s -> assertThat(s).isEqualTo(decode("U0lHMQ==")));
    assertThat(parts.get(1).functionCall().orElseThrow().id()).contains("call_abc");
    assertThat(parts.get(1).functionCall().orElseThrow().args()).contains(Map.of("city", "Paris"));
    assertThat(parts.get(1).thoughtSignature()).hasValueSatisfying(s -> assertThat(s).isEqualTo(decode("U0lHMg==")));
    assertThat(parts.get(2).functionCall().orElseThrow().id()).contains("toolu_2");
    assertThat(parts.get(2).functionCall().orElseThrow().args()).contains(Map.of());
    assertThat(parts.get(3).text()).contains("Both asked.");
    assertThat(parts.get(4).text()).contains("");
    assertThat(parts.get(4).thoughtSignature()).hasValueSatisfying(s -> assertThat(s).isEqualTo(decode("U0lHMw==")));
    assertThat(candidate.finishReason().orElseThrow().toString()).isEqualTo("STOP");
    assertThat(candidate.index()).contains(0);
    var usage = sdk(encoded).usageMetadata().orElseThrow();
    assertThat(usage.promptTokenCount()).contains(100);
    assertThat(usage.cachedContentTokenCount()).contains(40);
    assertThat(usage.candidatesTokenCount()).contains(18);
    assertThat(usage.thoughtsTokenCount()).contains(12);
    assertThat(usage.totalTokenCount()).contains(130);
    List<Item> sent = new java.util.ArrayList<>(response.candidates().getFirst().items());
    sent.set(3, new Item.ToolCall("toolu_2", "time", "{}")); // no arguments are Gemini's empty args
    assertThat(GeminiResponseToCanonical.response(encoded).candidates().getFirst().items()).isEqualTo(sent);
  }

  @Test
  void encryptedOnlyReasoningAndEmptyTextAreLeftOutAndAnEmptyAnswerHasNoParts() {
    ChatResponse response = new ChatResponse("r", "m", List.of(new ChatResponse.Candidate(0, List.of(
        new Item.Reasoning("", Optional.empty(), Optional.of("gAAAA-encrypted")), text("")),
        FinishReason.CONTENT_FILTER, Optional.empty())), Optional.empty());
    assertThat(json(CanonicalToGeminiResponse.response(response, "g"))).isEqualTo(json("""
        {"candidates":[{"content":{"role":"model"},"finishReason":"SAFETY","index":0}],
         "modelVersion":"g","responseId":"r"}"""));
  }

  @Test
  void mediaInAnAnswerIsInlineDataOrFileData() {
    ChatResponse response = new ChatResponse("r", "m", List.of(new ChatResponse.Candidate(0, List.of(
        new Item.Message(Role.ASSISTANT, List.of(
            new ContentPart.Image(new MediaSource.Base64("image/png", "iVBORw0KGgo="), Optional.empty()),
            new ContentPart.Image(new MediaSource.Url("https://example.com/a.png"), Optional.empty())))),
        FinishReason.STOP, Optional.empty())), Optional.empty());
    List<Part> parts = sdk(CanonicalToGeminiResponse.response(response, "g")).candidates().orElseThrow()
        .getFirst().content().orElseThrow().parts().orElseThrow();
    assertThat(parts.get(0).inlineData().orElseThrow().mimeType()).contains("image/png");
    assertThat(parts.get(1).fileData().orElseThrow().fileUri()).contains("https://example.com/a.png");
  }

  @Test
  void argumentsThatAreNoJsonObjectOrAToolResultAreTheUpstreamsFault() {
    ChatResponse badArguments = new ChatResponse("r", "m", List.of(new ChatResponse.Candidate(0,
        List.of(new Item.ToolCall("c", "f", "[1, 2")), FinishReason.TOOL_CALLS, Optional.empty())), Optional.empty());
    assertThatThrownBy(() -> CanonicalToGeminiResponse.response(badArguments, "g"))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
    ChatResponse toolResult = new ChatResponse("r", "m", List.of(new ChatResponse.Candidate(0,
        List.of(new Item.ToolResult("c", List.of(), false)), FinishReason.STOP, Optional.empty())), Optional.empty());
    assertThatThrownBy(() -> CanonicalToGeminiResponse.response(toolResult, "g"))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }
}
