package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiTestSupport.body;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiResponseToCanonicalTest {
  static Stream<Arguments> recordedResponses() {
    return Stream.of(
        Arguments.of("generate-text", 0, "bzlXaa_EE_aHqtsPi_zw8Ao", "gemini-2.5-flash",
            List.of(text("Hello! How can I help you today?")), FinishReason.STOP, new Usage(9, 0, 0, 43, 34)),
        Arguments.of("function-call", 0, "LlteaIDvD9m7nvgPz5Sb0Aw", "gemini-2.0-flash",
            List.of(new Item.ToolCall(GeminiToolCallIds.synthesise("LlteaIDvD9m7nvgPz5Sb0Aw", 0, 0),
                "get_user_country", "{}")), FinishReason.TOOL_CALLS, new Usage(33, 0, 0, 5, 0)),
        Arguments.of("function-call", 1, "LlteaOzCOPOdnvgPrJbnoQg", "gemini-2.0-flash",
            List.of(new Item.ToolCall(GeminiToolCallIds.synthesise("LlteaOzCOPOdnvgPrJbnoQg", 0, 0),
                "final_result", "{\"city\":\"Mexico City\",\"country\":\"Mexico\"}")),
            FinishReason.TOOL_CALLS, new Usage(47, 0, 0, 8, 0)),
        Arguments.of("cached-content-usage", 0, "_VQYaqvRGbW6qtsPg4TDoAg", "gemini-2.5-flash",
            List.of(text("Paris.")), FinishReason.STOP, new Usage(3520, 3512, 0, 44, 42)),
        Arguments.of("structured-output", 0, "EfsgaZT5JPbXz7IPqtGJkQ8", "gemini-2.0-flash",
            List.of(text("{\n  \"city\": \"Mexico City\",\n  \"country\": \"Mexico\"\n}")), FinishReason.STOP,
            new Usage(8, 0, 0, 20, 0)));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedResponses")
  void recordedResponsesDecode(String name, int exchange, String id, String model, List<Item> items,
      FinishReason finish, Usage usage) {
    ChatResponse response = GeminiResponseToCanonical.response(body(name, exchange));
    assertThat(response.id()).isEqualTo(id);
    assertThat(response.model()).isEqualTo(model);
    assertThat(response.candidates()).containsExactly(new ChatResponse.Candidate(0, items, finish, Optional.empty()));
    assertThat(response.usage()).contains(usage);
  }

  @Test
  void thoughtsJoinUntilSignedAndSignaturesOnOtherPartsComeBeforeThem() {
    ChatResponse response = GeminiResponseToCanonical.response(utf8("""
        {"candidates":[{"content":{"role":"model","parts":[
          {"text":"Let me ","thought":true},
          {"text":"think.","thought":true,"thoughtSignature":"U0lHMQ=="},
          {"text":"Checking ","thoughtSignature":"U0lHMg=="},
          {"text":"the weather."},
          {"functionCall":{"name":"weather","args":{"city":"Paris","days":1.10}},"thoughtSignature":"U0lHMw=="},
          {"functionCall":{"id":"fc_given","name":"time","args":{}}},
          {"text":"","thoughtSignature":"U0lHNA=="}
        ]},"finishReason":"STOP","index":0}],"responseId":"r1","modelVersion":"gemini-3-pro-preview"}"""));
    assertThat(response.candidates().getFirst().items()).containsExactly(
        new Item.Reasoning("Let me think.", Optional.of("gemini:U0lHMQ=="), Optional.empty()),
        signature("gemini:U0lHMg=="),
        text("Checking the weather."),
        signature("gemini:U0lHMw=="),
        new Item.ToolCall(GeminiToolCallIds.synthesise("r1", 0, 0), "weather", "{\"city\":\"Paris\",\"days\":1.10}"),
        new Item.ToolCall("fc_given", "time", "{}"),
        signature("gemini:U0lHNA=="));
    assertThat(response.candidates().getFirst().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.usage()).isEmpty();
  }

  @Test
  void synthesisedIdsAreStablePerResponseCandidateAndCall() {
    String id = GeminiToolCallIds.synthesise("r1", 0, 0);
    assertThat(id).matches("call_[0-9a-f]{24}").isEqualTo(GeminiToolCallIds.synthesise("r1", 0, 0));
    assertThat(List.of(GeminiToolCallIds.synthesise("r1", 0, 1), GeminiToolCallIds.synthesise("r1", 1, 0),
        GeminiToolCallIds.synthesise("r2", 0, 0))).doesNotContain(id).doesNotHaveDuplicates();
  }

  @Test
  void severalCandidatesKeepTheirIndexesAndReasons() {
    ChatResponse response = GeminiResponseToCanonical.response(utf8("""
        {"candidates":[
          {"content":{"role":"model","parts":[{"text":"One"}]},"finishReason":"MAX_TOKENS","index":0},
          {"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},"finishReason":"STOP","index":1},
          {"finishReason":"SAFETY","index":2}
        ],"responseId":"r2","modelVersion":"m"}"""));
    assertThat(response.candidates()).containsExactly(
        new ChatResponse.Candidate(0, List.of(text("One")), FinishReason.LENGTH, Optional.empty()),
        new ChatResponse.Candidate(1, List.of(new Item.ToolCall(GeminiToolCallIds.synthesise("r2", 1, 0), "f", "{}")),
            FinishReason.TOOL_CALLS, Optional.empty()),
        new ChatResponse.Candidate(2, List.of(), FinishReason.CONTENT_FILTER, Optional.empty()));
  }

  @Test
  void aBlockedPromptIsA400ContentFilterNamingTheReason() {
    assertThatThrownBy(() -> GeminiResponseToCanonical.response(utf8("""
        {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[]},
         "usageMetadata":{"promptTokenCount":7,"totalTokenCount":7},"modelVersion":"m","responseId":"r"}""")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).contains("content_filter");
          assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
        });
  }

  @Test
  void anAnswerWithNoCandidatesAndNoBlockIsOneEmptyCandidate() {
    ChatResponse response = GeminiResponseToCanonical.response(utf8("{\"responseId\":\"r\",\"modelVersion\":\"m\"}"));
    assertThat(response.candidates())
        .containsExactly(new ChatResponse.Candidate(0, List.of(), FinishReason.OTHER, Optional.empty()));
  }

  @Test
  void codeRunOnGeminiBecomesFencedTextAndGeneratedMediaIsSkipped() {
    ChatResponse response = GeminiResponseToCanonical.response(utf8("""
        {"candidates":[{"content":{"role":"model","parts":[
          {"text":"Computing."},
          {"executableCode":{"language":"PYTHON","code":"print(1 + 1)"}},
          {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"2\\n"}},
          {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
          {"text":"Done."}
        ]},"finishReason":"STOP"}],"responseId":"r","modelVersion":"m"}"""));
    assertThat(response.candidates().getFirst().items()).containsExactly(
        text("Computing.\n```python\nprint(1 + 1)\n```\n\n```\n2\n```\nDone."));
  }

  @Test
  void aBodyThatIsNotJsonIsABadGateway() {
    assertThatThrownBy(() -> GeminiResponseToCanonical.response(utf8("<html>")))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
  }

  @Test
  void argumentsKeepTheirNumbersAsWritten() {
    ChatResponse response = GeminiResponseToCanonical.response(utf8("""
        {"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"x":1.10,"n":[1,2]}}}]},
          "finishReason":"STOP"}],"responseId":"r"}"""));
    Item.ToolCall call = (Item.ToolCall) response.candidates().getFirst().items().getFirst();
    assertThat(call.arguments()).isEqualTo("{\"x\":1.10,\"n\":[1,2]}");
    assertThat(json(call.arguments()).path("n").size()).isEqualTo(2);
  }

  static Item text(String text) {
    return new Item.Message(Role.ASSISTANT, List.of(ContentPart.text(text)));
  }

  static Item signature(String signature) {
    return new Item.Reasoning("", Optional.of(signature), Optional.empty());
  }
}
