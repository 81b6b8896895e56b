package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiChatToCanonicalTest {
  private static final Optional<String> NONE = Optional.empty();

  static Translation<ChatRequest> translate(String body) {
    return OpenAiChatToCanonical.translate(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request with these messages (a JSON array) and top-level fields (JSON members, or empty). */
  static String request(String messages, String fields) {
    return "{\"model\":\"gpt-4o\",\"messages\":" + messages + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  static String user(String fields) {
    return request("[{\"role\":\"user\",\"content\":\"hi\"}]", fields);
  }

  static GatewayException refusal(String body) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translate(body));
    assertThat(e).as("refusal of %s", body).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    return e;
  }

  @Test
  void recordedTextRequestBecomesSystemAndUserMessages() {
    Translation<ChatRequest> t = OpenAiChatToCanonical.translate(
        Fixtures.load("openai", "chat-text").first().requestBytes());
    ChatRequest request = t.value();
    assertThat(t.dropped()).isEmpty();
    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("You are a helpful assistant."))),
        new Item.Message(Role.USER, List.of(ContentPart.text("What is the capital of France?"))));
    assertThat(request.candidates()).isEqualTo(1);
    assertThat(request.stream()).isFalse();
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void recordedToolTurnBecomesCallAndResultKeepingTheirId() {
    ChatRequest request = OpenAiChatToCanonical.translate(
        Fixtures.load("openai", "chat-tool-call-stream").exchange(1).requestBytes()).value();
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.USER, List.of(ContentPart.text("What is the capital of the UK? Use the tool, then answer."))),
        new Item.ToolCall("call_ZR5UUuTt3pf61kjwAJIYdVMj", "get_capital", "{\"country\":\"UK\"}"),
        new Item.ToolResult("call_ZR5UUuTt3pf61kjwAJIYdVMj", List.of(ContentPart.text("London")), false));
    assertThat(request.tools()).singleElement().satisfies(tool -> {
      assertThat(tool.name()).isEqualTo("get_capital");
      assertThat(tool.description()).contains("");
      assertThat(tool.strict()).contains(true);
      assertThat(tool.parameters().path("required").get(0).asText()).isEqualTo("country");
    });
    assertThat(request.stream()).isTrue();
  }

  @Test
  void rolesMapOneToOneAndDeveloperStaysApartFromSystem() {
    ChatRequest request = translate(request("""
        [{"role":"system","content":"s"},{"role":"developer","content":"d"},{"role":"user","content":"u"},
         {"role":"assistant","content":"a"}]""", "")).value();
    assertThat(request.items()).extracting(i -> ((Item.Message) i).role())
        .containsExactly(Role.SYSTEM, Role.DEVELOPER, Role.USER, Role.ASSISTANT);
  }

  @Test
  void contentPartsBecomeTextImagesAndDocuments() {
    Translation<ChatRequest> t = translate(request("""
        [{"role":"user","content":[
          {"type":"text","text":"look"},
          {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
          {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0x","filename":"a.pdf"}},
          {"type":"file","file":{"file_id":"file-abc"}}]}]""", ""));
    assertThat(t.dropped()).isEmpty();
    assertThat(((Item.Message) t.value().items().get(0)).content()).containsExactly(
        ContentPart.text("look"),
        new ContentPart.Image(new MediaSource.Url("https://example.com/cat.png"), Optional.of("high")),
        new ContentPart.Image(new MediaSource.Base64("image/png", "iVBORw0KGgo="), NONE),
        new ContentPart.Document(new MediaSource.Base64("application/pdf", "JVBERi0x"), Optional.of("a.pdf")),
        new ContentPart.Document(new MediaSource.FileId("file-abc"), NONE));
  }

  @Test
  void dataUrlParametersAreNotPartOfTheMediaType() {
    ChatRequest request = translate(request("""
        [{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;name=x.jpg;base64,/9j/"}}]}]""",
        "")).value();
    assertThat(((Item.Message) request.items().get(0)).content())
        .containsExactly(new ContentPart.Image(new MediaSource.Base64("image/jpeg", "/9j/"), NONE));
  }

  @Test
  void audioInputIsRefusedNamingIt() {
    GatewayException e = refusal(request("""
        [{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]""", ""));
    assertThat(e.getMessage()).contains("input_audio").contains("messages[0].content[0]");
    assertThat(e.param()).contains("messages[0].content[0].type");
  }

  @Test
  void unknownContentPartTypeIsRefusedNamingIt() {
    GatewayException e = refusal(request("[{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"video\":{}}]}]", ""));
    assertThat(e.getMessage()).contains("'video'");
  }

  @Test
  void assistantTurnIsReasoningThenTextThenToolCalls() {
    ChatRequest request = translate(request("""
        [{"role":"assistant","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"a","arguments":"{\\"x\\":1}"}},
            {"id":"call_2","type":"function","function":{"name":"b","arguments":"{}"}}],
          "content":"let me check","reasoning_content":"I should call a and b."}]""", "")).value();
    assertThat(request.items()).containsExactly(
        new Item.Reasoning("I should call a and b.", NONE, NONE),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("let me check"))),
        new Item.ToolCall("call_1", "a", "{\"x\":1}"),
        new Item.ToolCall("call_2", "b", "{}"));
  }

  @Test
  void assistantRefusalIsKeptAsText() {
    ChatRequest request = translate(request("""
        [{"role":"assistant","content":[{"type":"refusal","refusal":"I can't help with that."}]},
         {"role":"assistant","content":null,"refusal":"No."}]""", "")).value();
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("I can't help with that."))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("No."))));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning_content\":\"think\"}",
      "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning\":\"think\"}",
      "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"think\"}]}"})
  void plainReasoningIsReadFromEveryDialect(String message) {
    assertThat(translate(request("[" + message + "]", "")).value().items())
        .first().isEqualTo(new Item.Reasoning("think", NONE, NONE));
  }

  @Test
  void signedAndRedactedThinkingBlocksKeepTheirSignatureAndData() {
    Translation<ChatRequest> t = translate(request("""
        [{"role":"assistant","content":"ok","reasoning_content":"ab",
          "thinking_blocks":[{"type":"thinking","thinking":"a","signature":"sig-1"},
                             {"type":"redacted_thinking","data":"enc-2"},
                             {"type":"thinking","thinking":"b","signature":"sig-3"}]}]""", ""));
    assertThat(t.dropped()).isEmpty();
    assertThat(t.value().items()).containsExactly(
        new Item.Reasoning("a", Optional.of("sig-1"), NONE),
        new Item.Reasoning("", NONE, Optional.of("enc-2")),
        new Item.Reasoning("b", Optional.of("sig-3"), NONE),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("ok"))));
  }

  @Test
  void openRouterReasoningDetailsKeepTheirSignatureAndData() {
    ChatRequest request = translate(request("""
        [{"role":"assistant","content":"ok","reasoning":"a",
          "reasoning_details":[{"type":"reasoning.text","text":"a","signature":"sig-1","format":"anthropic-claude-v1"},
                               {"type":"reasoning.encrypted","data":"enc-2"}]}]""", "")).value();
    assertThat(request.items()).startsWith(
        new Item.Reasoning("a", Optional.of("sig-1"), NONE), new Item.Reasoning("", NONE, Optional.of("enc-2")));
  }

  @Test
  void toolMessagesBecomeResultsWithTextOrParts() {
    ChatRequest request = translate(request("""
        [{"role":"tool","tool_call_id":"call_1","content":"42"},
         {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]""",
        "")).value();
    assertThat(request.items()).containsExactly(
        new Item.ToolResult("call_1", List.of(ContentPart.text("42")), false),
        new Item.ToolResult("call_2", List.of(ContentPart.text("a"), ContentPart.text("b")), false));
  }

  @Test
  void legacyFunctionCallsArePairedWithTheirResultsByName() {
    ChatRequest request = translate(request("""
        [{"role":"user","content":"weather?"},
         {"role":"assistant","content":null,"function_call":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
         {"role":"function","name":"weather","content":"sunny"}]""",
        "\"functions\":[{\"name\":\"weather\",\"parameters\":{\"type\":\"object\"}}],\"function_call\":\"auto\""))
        .value();
    Item.ToolCall call = (Item.ToolCall) request.items().get(1);
    assertThat(call.name()).isEqualTo("weather");
    assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(request.items().get(2)).isEqualTo(new Item.ToolResult(call.id(), List.of(ContentPart.text("sunny")), false));
    assertThat(request.tools()).extracting(t -> t.name()).containsExactly("weather");
    assertThat(request.toolChoice()).isEqualTo(ToolChoice.AUTO);
  }

  @Test
  void functionMessageWithoutItsCallIsRefused() {
    assertThat(refusal(request("[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]", "")).getMessage())
        .contains("function_call named 'f'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a/b\":[]}", "{\"0\":{\"id\":\"call_1\"}}", "\"call_1\"", "7"})
  void toolCallsThatAreNotAnArrayAreRefused(String toolCalls) {
    GatewayException e = refusal(request("[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"tool_calls\":" + toolCalls + "}]", ""));

    assertThat(e.param()).contains("messages[1].tool_calls");
  }

  @Test
  void unknownRoleIsRefused() {
    assertThat(refusal(request("[{\"role\":\"robot\",\"content\":\"x\"}]", "")).param()).contains("messages[0].role");
  }

  @Test
  void functionToolWithoutParametersTakesNone() {
    ChatRequest request = translate(user("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"now\"}}]")).value();
    assertThat(request.tools()).singleElement().satisfies(tool -> {
      assertThat(tool.description()).isEmpty();
      assertThat(tool.strict()).isEmpty();
      assertThat(tool.parameters().toString()).isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"custom", "web_search", "file_search"})
  void nonFunctionToolsAreRefusedNamingTheirType(String type) {
    GatewayException e = refusal(user("\"tools\":[{\"type\":\"" + type + "\",\"" + type + "\":{\"name\":\"x\"}}]"));
    assertThat(e.getMessage()).contains("'" + type + "'");
    assertThat(e.param()).contains("tools[0].type");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"auto\" | Auto[]",
      "\"none\" | None[]",
      "\"required\" | Required[]",
      "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | Named[name=f]",
      "null | Auto[]"})
  void toolChoiceBecomesCanonical(String choice, String expected) {
    ChatRequest request = translate(user("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
        + "\"tool_choice\":" + choice)).value();
    assertThat(request.toolChoice().toString()).isEqualTo(expected);
  }

  @Test
  void allowedToolsChoiceIsRefused() {
    assertThat(refusal(user("\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[]}}"))
        .getMessage()).contains("allowed_tools");
  }

  @Test
  void legacyFunctionCallChoiceNamesTheFunction() {
    assertThat(translate(user("\"function_call\":{\"name\":\"f\"}")).value().toolChoice())
        .isEqualTo(new ToolChoice.Named("f"));
  }

  @Test
  void samplingAndLimitFieldsAreCarriedOver() {
    Translation<ChatRequest> t = translate(user("""
        "max_completion_tokens":300,"temperature":0.2,"top_p":0.9,"top_k":40,"stop":["END","STOP"],
        "seed":12345678901,"n":2,"parallel_tool_calls":false,"reasoning_effort":"high","user":"u-1",
        "stream":true,"stream_options":{"include_usage":true}"""));
    ChatRequest request = t.value();
    assertThat(t.dropped()).isEmpty();
    assertThat(request.maxOutputTokens()).contains(300);
    assertThat(request.temperature()).contains(0.2);
    assertThat(request.topP()).contains(0.9);
    assertThat(request.topK()).contains(40);
    assertThat(request.stopSequences()).containsExactly("END", "STOP");
    assertThat(request.seed()).contains(12345678901L);
    assertThat(request.candidates()).isEqualTo(2);
    assertThat(request.parallelToolCalls()).contains(false);
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.of("high"), Optional.empty()));
    assertThat(request.user()).contains("u-1");
    assertThat(request.stream()).isTrue();
  }

  @Test
  void stopMayBeASingleString() {
    assertThat(translate(user("\"stop\":\"END\"")).value().stopSequences()).containsExactly("END");
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokensAndADifferentMaxTokensIsReported() {
    assertThat(translate(user("\"max_tokens\":50")).value().maxOutputTokens()).contains(50);
    Translation<ChatRequest> same = translate(user("\"max_tokens\":50,\"max_completion_tokens\":50"));
    assertThat(same.dropped()).isEmpty();
    Translation<ChatRequest> different = translate(user("\"max_tokens\":50,\"max_completion_tokens\":80"));
    assertThat(different.value().maxOutputTokens()).contains(80);
    assertThat(different.dropped()).containsExactly("max_tokens");
  }

  @Test
  void safetyIdentifierIsTheUserWhenNoUserIsGiven() {
    assertThat(translate(user("\"safety_identifier\":\"s-1\"")).value().user()).contains("s-1");
    Translation<ChatRequest> both = translate(user("\"user\":\"u-1\",\"safety_identifier\":\"s-1\""));
    assertThat(both.value().user()).contains("u-1");
    assertThat(both.dropped()).containsExactly("safety_identifier");
  }

  @Test
  void responseFormatsBecomeCanonical() {
    assertThat(translate(user("\"response_format\":{\"type\":\"text\"}")).value().responseFormat()).isEmpty();
    assertThat(translate(user("\"response_format\":{\"type\":\"json_object\"}")).value().responseFormat())
        .contains(new ResponseFormat.JsonObject());
    ResponseFormat.JsonSchema schema = (ResponseFormat.JsonSchema) translate(user("""
        "response_format":{"type":"json_schema","json_schema":{"name":"city","description":"A city.",
          "schema":{"type":"object","properties":{"name":{"type":"string"}}},"strict":true}}"""))
        .value().responseFormat().orElseThrow();
    assertThat(schema.name()).isEqualTo("city");
    assertThat(schema.description()).contains("A city.");
    assertThat(schema.strict()).isTrue();
    assertThat(schema.schema().path("properties").has("name")).isTrue();
  }

  @Test
  void unknownResponseFormatIsRefused() {
    assertThat(refusal(user("\"response_format\":{\"type\":\"grammar\"}")).param()).contains("response_format.type");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"logprobs\":true | logprobs",
      "\"top_logprobs\":3 | top_logprobs",
      "\"logit_bias\":{\"50256\":-100} | logit_bias",
      "\"modalities\":[\"text\",\"audio\"] | modalities",
      "\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"} | audio",
      "\"prediction\":{\"type\":\"content\",\"content\":\"x\"} | prediction",
      "\"web_search_options\":{\"search_context_size\":\"low\"} | web_search_options",
      "\"web_search_options\":{} | web_search_options",
      "\"service_tier\":\"flex\" | service_tier",
      "\"store\":true | store",
      "\"metadata\":{\"k\":\"v\"} | metadata",
      "\"prompt_cache_key\":\"p\" | prompt_cache_key",
      "\"verbosity\":\"low\" | verbosity",
      "\"x_unknown\":1 | x_unknown",
      "\"stream_options\":{\"include_usage\":true,\"include_obfuscation\":false} | stream_options.include_obfuscation"})
  void fieldsWithoutCanonicalEquivalentAreReportedAsDropped(String field, String name) {
    Translation<ChatRequest> t = translate(user(field));
    assertThat(t.dropped()).containsExactly(name);
    assertThat(t.isComplete()).isFalse();
  }

  @Test
  void penaltiesAreCarried() {
    ChatRequest request = translate(user("\"presence_penalty\":0.5,\"frequency_penalty\":-1")).value();
    assertThat(request.presencePenalty()).contains(0.5);
    assertThat(request.frequencyPenalty()).contains(-1.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"logprobs\":false", "\"top_logprobs\":0", "\"presence_penalty\":0", "\"frequency_penalty\":0.0",
      "\"store\":false", "\"service_tier\":\"auto\"", "\"modalities\":[\"text\"]", "\"metadata\":{}",
      "\"logit_bias\":{}",
      "\"logit_bias\":null", "\"stream_options\":{\"include_usage\":false}", "\"audio\":null"})
  void fieldsHoldingTheirDefaultAreNotReported(String field) {
    assertThat(translate(user(field)).dropped()).isEmpty();
  }

  @Test
  void messageAndPartFieldsWithoutCanonicalEquivalentAreReportedWithTheirPath() {
    Translation<ChatRequest> t = translate(request("""
        [{"role":"user","name":"alice","content":[{"type":"text","text":"hi","prompt_cache_breakpoint":{"mode":"explicit"}}]},
         {"role":"assistant","content":"x","audio":{"id":"audio_1"},"annotations":[]},
         {"role":"assistant","content":"y","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"},
           "extra_content":{"google":{"thought_signature":"t","other":1},"vendor":{}}}]}]""",
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"x_hint\":1}}]"));
    assertThat(t.dropped()).containsExactly(
        "messages[0].content[0].prompt_cache_breakpoint", "messages[0].name", "messages[1].audio",
        "messages[2].tool_calls[0].extra_content.vendor", "messages[2].tool_calls[0].extra_content.google.other",
        "tools[0].function.x_hint");
  }

  @Test
  void googlesThoughtSignatureOnAToolCallSignsThatCall() {
    ChatRequest request = translate(request("""
        [{"role":"user","content":"hi"},
         {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
           "function":{"name":"f","arguments":"{}"},"extra_content":{"google":{"thought_signature":"c2ln"}}}]},
         {"role":"tool","tool_call_id":"c","content":"ok"}]""", "")).value();
    assertThat(request.items()).containsSubsequence(
        new Item.Reasoning("", Optional.of("gemini:c2ln"), Optional.empty()), new Item.ToolCall("c", "f", "{}"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"top_k\":\"many\"", "\"seed\":1.5", "\"safety_identifier\":7", "\"n\":\"2\""})
  void wrongTypesOfFieldsTheParserDoesNotCheckAreRefused(String field) {
    refusal(user(field));
  }

  @Test
  void toolCallOfAnotherTypeIsRefused() {
    assertThat(refusal(request("""
        [{"role":"assistant","tool_calls":[{"id":"c","type":"custom","custom":{"name":"f","input":"x"}}]}]""", ""))
        .getMessage()).contains("'custom'");
  }
}
