package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.request;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.sdkRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalToAnthropicRequestTest {
  private static final String MODEL = "claude-sonnet-4-5";
  private static final String PNG = "iVBORw0KGgo=";

  private static Item.Message user(ContentPart... parts) {
    return new Item.Message(Role.USER, List.of(parts));
  }

  private static Item.Message user(String text) {
    return user(ContentPart.text(text));
  }

  private static Item.Message assistant(String text) {
    return new Item.Message(Role.ASSISTANT, List.of(ContentPart.text(text)));
  }

  private static Item.ToolCall call(String id, String arguments) {
    return new Item.ToolCall(id, "lookup", arguments);
  }

  private static Item.ToolResult result(String id, String text) {
    return new Item.ToolResult(id, List.of(ContentPart.text(text)), false);
  }

  /** Renders, checks the SDK's request type accepts the body, and returns it as a tree. */
  private static JsonNode render(AnthropicTestSupport.Request request) {
    byte[] body = CanonicalToAnthropic.request(request.build(), MODEL);
    MessageCreateParams.Body sdk = sdkRequest(body);
    assertThat(sdk.model().asString()).isEqualTo(MODEL);
    return json(body);
  }

  private static JsonNode messages(AnthropicTestSupport.Request request) {
    return render(request).path("messages");
  }

  private static GatewayException rejection(AnthropicTestSupport.Request request) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> CanonicalToAnthropic.request(request.build(), MODEL));
    assertThat(thrown).isInstanceOf(GatewayException.class);
    GatewayException e = (GatewayException) thrown;
    assertThat(e.status()).isEqualTo(400);
    return e;
  }

  @Test
  void whatAnthropicHasNoPlaceForIsNamedAsDropped() {
    AnthropicTestSupport.Request request = request(
        user(ContentPart.text("look"), new ContentPart.Image(new MediaSource.Base64("image/png", PNG),
            Optional.of("high"))),
        new Item.Reasoning("unsigned thoughts", Optional.empty(), Optional.empty()),
        assistant("Done."),
        user("And now?"));
    request.seed = Optional.of(7L);
    request.presencePenalty = Optional.of(0.5);
    request.format = Optional.of(new ResponseFormat.JsonSchema("answer", Optional.of("The answer."),
        json("{\"type\":\"object\"}"), true));

    var translation = CanonicalToAnthropic.translate(request.build(), MODEL);

    assertThat(translation.dropped()).containsExactly(
        "items[0].content[1].detail",
        "items[1] (reasoning without a signature: Anthropic takes only signed thinking back)",
        "seed",
        "presence_penalty",
        "response_format.json_schema.description");
    assertThat(json(translation.value()).toString()).doesNotContain("unsigned thoughts").doesNotContain("seed");
    assertThat(CanonicalToAnthropic.translate(request(user("Hi")).build(), MODEL).dropped()).isEmpty();
  }

  @Test
  void whileThinkingSamplingAnthropicRefusesIsLeftOutAndNamed() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("low"), Optional.empty()));
    request.temperature = Optional.of(0.2);
    request.topP = Optional.of(0.5);
    request.topK = Optional.of(40);

    var translation = CanonicalToAnthropic.translate(request.build(), MODEL);

    JsonNode body = json(translation.value());
    assertThat(body.has("thinking")).isTrue();
    assertThat(body.has("temperature") || body.has("top_p") || body.has("top_k")).isFalse();
    assertThat(translation.dropped()).containsExactly("temperature (Anthropic takes only 1 while thinking)",
        "top_p (Anthropic takes 0.95 to 1 while thinking)", "top_k (Anthropic takes none while thinking)");
    sdkRequest(translation.value());

    request.temperature = Optional.of(1.0);
    request.topP = Optional.empty();
    request.topK = Optional.empty();
    JsonNode allowed = json(CanonicalToAnthropic.translate(request.build(), MODEL).value());
    assertThat(allowed.path("temperature").asDouble()).isEqualTo(1.0);
    request.temperature = Optional.empty();
    request.topP = Optional.of(0.95);
    assertThat(json(CanonicalToAnthropic.translate(request.build(), MODEL).value()).path("top_p").asDouble())
        .isEqualTo(0.95);
  }

  @Test
  void temperatureAndTopPTogetherKeepTemperatureAndNameTopPAsDropped() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("low"), Optional.empty()));
    request.temperature = Optional.of(1.0); // what Gemini CLI sends, thinking, on every request
    request.topP = Optional.of(0.95);

    var translation = CanonicalToAnthropic.translate(request.build(), MODEL);

    JsonNode body = json(translation.value());
    assertThat(body.path("temperature").asDouble()).isEqualTo(1.0);
    assertThat(body.has("top_p")).isFalse();
    assertThat(translation.dropped()).containsExactly("top_p (Anthropic takes temperature or top_p, not both)");

    request.reasoning = Optional.empty();
    request.temperature = Optional.of(0.25);
    request.topP = Optional.of(0.9);
    JsonNode unthinking = json(CanonicalToAnthropic.translate(request.build(), MODEL).value());
    assertThat(unthinking.path("temperature").asDouble()).isEqualTo(0.25);
    assertThat(unthinking.has("top_p")).isFalse();
  }

  @Test
  void aForcedToolCallWinsOverThinking() {
    AnthropicTestSupport.Request request = request(user("Weather?"));
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("high"), Optional.empty()));
    request.tools = List.of(new ToolDefinition("lookup", Optional.empty(), json("{\"type\":\"object\"}"),
        Optional.empty()));
    request.toolChoice = new ToolChoice.Named("lookup");

    var translation = CanonicalToAnthropic.translate(request.build(), MODEL);

    JsonNode body = json(translation.value());
    assertThat(body.has("thinking")).isFalse();
    assertThat(body.at("/tool_choice/name").asText()).isEqualTo("lookup");
    assertThat(translation.dropped()).containsExactly("reasoning (Anthropic cannot think while a tool call is forced)");
  }

  @Test
  void aGeminiSignatureIsNotHandedToAnthropic() {
    var translation = CanonicalToAnthropic.translate(request(user("Hi"),
        new Item.Reasoning("Gemini thought this", Optional.of("gemini:c2ln"), Optional.empty()),
        assistant("Hello"), user("Go on")).build(), MODEL);

    assertThat(json(translation.value()).toString()).doesNotContain("c2ln").doesNotContain("Gemini thought this");
    assertThat(translation.dropped()).containsExactly(
        "items[1] (a thinking signature from another provider: Anthropic takes back only its own)",
        "items[1] (reasoning without a signature: Anthropic takes only signed thinking back)");
  }

  @Test
  void reasoningSignedByASignatureAloneIsNotDropped() {
    var translation = CanonicalToAnthropic.translate(request(user("Hi"),
        new Item.Reasoning("thoughts", Optional.empty(), Optional.empty()),
        new Item.Reasoning("", Optional.of("sig"), Optional.empty()),
        assistant("Hello"), user("Go on")).build(), MODEL);

    assertThat(translation.dropped()).isEmpty();
  }

  @Test
  void systemAndDeveloperMessagesBecomeTopLevelSystemTextBlocks() {
    JsonNode body = render(request(new Item.Message(Role.SYSTEM, List.of(ContentPart.text("Be brief."))),
        new Item.Message(Role.DEVELOPER, List.of(ContentPart.text("Answer in French."))), user("Hi")));
    assertThat(body.path("system")).isEqualTo(json("""
        [{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in French."}]"""));
    assertThat(body.path("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Hi"}]}]"""));
    assertThat(body.path("model").asText()).isEqualTo(MODEL);
  }

  @Test
  void aSystemMessageAfterTheConversationBeganMovesIntoTheTopLevelSystemAndIsNamed() {
    var translation = CanonicalToAnthropic.translate(request(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("Be brief."))), user("Hi"),
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("# Environment"))), assistant("Hello"),
        user("Go on")).build(), MODEL);

    JsonNode body = json(translation.value());
    sdkRequest(translation.value());
    assertThat(body.path("system")).isEqualTo(json("""
        [{"type":"text","text":"Be brief."},{"type":"text","text":"# Environment"}]"""));
    assertThat(body.path("messages")).hasSize(3);
    assertThat(translation.dropped()).containsExactly("items[2] (system message after the conversation began: "
        + "moved into Anthropic's top-level system, losing its place)");
  }

  @Test
  void reasoningWhoseTextIsNotWantedAsksForItsDisplayOmitted() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("high"), Optional.empty(), true));
    JsonNode omitted = render(request);
    assertThat(omitted.path("thinking").path("display").asText()).isEqualTo("omitted");

    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("high"), Optional.empty()));
    assertThat(render(request).path("thinking").has("display")).isFalse();
  }

  @Test
  void consecutiveMessagesOfOneSideMergeIntoOneMessage() {
    assertThat(messages(request(user("one"), user("two"), assistant("three"), assistant("four"), user("five"))))
        .isEqualTo(json("""
            [{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
             {"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},
             {"role":"user","content":[{"type":"text","text":"five"}]}]"""));
  }

  @Test
  void reasoningTextAndToolCallsGroupIntoOneAssistantMessageInOrder() {
    AnthropicTestSupport.Request request = request(user("Weather?"),
        new Item.Reasoning("Let me look.", Optional.of("sig-1"), Optional.empty()),
        assistant("Checking."),
        call("toolu_1", "{\"city\":\"Paris\",\"days\":1.50}"),
        call("toolu_2", "{}"),
        result("toolu_1", "sunny"), result("toolu_2", "rain"));
    JsonNode messages = messages(request);
    assertThat(messages).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Weather?"}]},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"Let me look.","signature":"sig-1"},
           {"type":"text","text":"Checking."},
           {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"city":"Paris","days":1.50}},
           {"type":"tool_use","id":"toolu_2","name":"lookup","input":{}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
           {"type":"tool_result","tool_use_id":"toolu_2","content":"rain"}]}]"""));
    assertThat(new String(CanonicalToAnthropic.request(request.build(), MODEL), StandardCharsets.UTF_8))
        .as("numbers keep their digits").contains("\"days\":1.50}");
  }

  /** A Gemini client's history: thought parts, then the signature on the part after them (the call). */
  @Test
  void aSignatureAloneSignsTheUnsignedReasoningTextBeforeIt() {
    JsonNode messages = messages(request(user("Weather?"),
        new Item.Reasoning("Let me ", Optional.empty(), Optional.empty()),
        new Item.Reasoning("look.", Optional.empty(), Optional.empty()),
        new Item.Reasoning("", Optional.of("sig-1"), Optional.empty()),
        call("toolu_1", "{}"), result("toolu_1", "sunny")));
    assertThat(messages.get(1).path("content")).isEqualTo(json("""
        [{"type":"thinking","thinking":"Let me look.","signature":"sig-1"},
         {"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]"""));
  }

  @Test
  void encryptedReasoningBecomesRedactedThinkingAndUnsignedReasoningIsLeftOut() {
    JsonNode messages = messages(request(user("Hi"),
        new Item.Reasoning("", Optional.empty(), Optional.of("opaque")),
        new Item.Reasoning("unsigned thoughts", Optional.empty(), Optional.empty()),
        assistant("Hello")));
    assertThat(messages.get(1).path("content")).isEqualTo(json("""
        [{"type":"redacted_thinking","data":"opaque"},{"type":"text","text":"Hello"}]"""));
  }

  @Test
  void toolResultsMergeWithFollowingUserContentAndComeFirst() {
    JsonNode messages = messages(request(user("Go"), call("toolu_1", "{}"), user("and hurry"),
        new Item.ToolResult("toolu_1", List.of(ContentPart.text("done"),
            new ContentPart.Image(new MediaSource.Base64("image/png", PNG), Optional.empty())), true)));
    assertThat(messages.get(2)).isEqualTo(json("""
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"toolu_1","content":[
            {"type":"text","text":"done"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}],
           "is_error":true},
          {"type":"text","text":"and hurry"}]}"""));
  }

  @Test
  void emptyTextPartsAreLeftOutAndEmptyArgumentsAreAnEmptyObject() {
    JsonNode messages = messages(request(user("Go"),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text(""))), call("toolu_1", ""),
        new Item.ToolResult("toolu_1", List.of(), false)));
    assertThat(messages.get(1).path("content")).isEqualTo(json("""
        [{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]"""));
    assertThat(messages.get(2).path("content")).isEqualTo(json("""
        [{"type":"tool_result","tool_use_id":"toolu_1"}]"""));
  }

  static Stream<Arguments> contentParts() {
    return Stream.of(
        Arguments.of(new ContentPart.Image(new MediaSource.Url("https://example.com/cat.jpg"), Optional.of("high")),
            "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}}"),
        Arguments.of(new ContentPart.Image(new MediaSource.Url("data:image/png;base64," + PNG), Optional.empty()),
            "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + PNG
                + "\"}}"),
        Arguments.of(new ContentPart.Image(new MediaSource.Base64("image/webp", "UklGRg=="), Optional.empty()),
            "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/webp\",\"data\":\"UklGRg==\"}}"),
        Arguments.of(new ContentPart.Image(new MediaSource.FileId("file_011"), Optional.empty()),
            "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_011\"}}"),
        Arguments.of(new ContentPart.Document(new MediaSource.Base64("application/pdf", "JVBERi0="),
                Optional.of("report.pdf")),
            "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"JVBERi0=\"},\"title\":\"report.pdf\"}"),
        Arguments.of(new ContentPart.Document(new MediaSource.Url("data:application/pdf;base64,JVBERi0="),
                Optional.empty()),
            "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"JVBERi0=\"}}"),
        Arguments.of(new ContentPart.Document(new MediaSource.Url("https://example.com/a.pdf"), Optional.empty()),
            "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}"),
        Arguments.of(new ContentPart.Document(new MediaSource.FileId("file_012"), Optional.empty()),
            "{\"type\":\"document\",\"source\":{\"type\":\"file\",\"file_id\":\"file_012\"}}"),
        Arguments.of(new ContentPart.Document(new MediaSource.Base64("text/plain", "aMOpbGxv"), Optional.empty()),
            "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"héllo\"}}"),
        Arguments.of(new ContentPart.Document(new MediaSource.Url("data:,a+b%20c"), Optional.empty()),
            "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"a+b c\"}}"));
  }

  @ParameterizedTest
  @MethodSource("contentParts")
  void contentPartsBecomeAnthropicBlocks(ContentPart part, String block) {
    assertThat(messages(request(user(ContentPart.text("See:"), part))).get(0).path("content").get(1))
        .isEqualTo(json(block));
  }

  @Test
  void anImageTypeAnthropicDoesNotTakeIsA400NamingIt() {
    assertThat(rejection(request(user(new ContentPart.Image(new MediaSource.Url("data:image/bmp;base64,Qk0="),
        Optional.empty()))))).hasMessageContaining("'image/bmp'");
    assertThat(rejection(request(user(new ContentPart.Document(new MediaSource.Base64("application/msword", "0M8="),
        Optional.empty()))))).hasMessageContaining("'application/msword'");
  }

  @Test
  void mediaOutsideUserContentIsA400NamingIt() {
    ContentPart image = new ContentPart.Image(new MediaSource.Url("https://example.com/x.png"), Optional.empty());
    assertThat(rejection(request(new Item.Message(Role.SYSTEM, List.of(image)), user("Hi"))))
        .hasMessageContaining("system message").hasMessageContaining("an image");
    assertThat(rejection(request(user("Hi"), new Item.Message(Role.ASSISTANT, List.of(image)))))
        .hasMessageContaining("assistant message").hasMessageContaining("an image");
  }

  @Test
  void toolArgumentsThatAreNotAJsonObjectAreA400NamingTheCall() {
    assertThat(rejection(request(user("Go"), call("toolu_bad", "{\"city\": "))))
        .hasMessageContaining("'toolu_bad'").hasMessageContaining("lookup");
    assertThat(rejection(request(user("Go"), call("toolu_list", "[1,2]")))).hasMessageContaining("'toolu_list'");
    assertThat(rejection(request(user("Go"), call("toolu_trail", "{} {}")))).hasMessageContaining("'toolu_trail'");
  }

  @Test
  void aToolResultWithoutAnEarlierCallIsA400NamingIt() {
    assertThat(rejection(request(user("Go"), call("toolu_1", "{}"), result("toolu_9", "x"))))
        .hasMessageContaining("'toolu_9'");
  }

  @Test
  void toolsBecomeToolsWithInputSchemas() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.tools = List.of(
        new ToolDefinition("get_weather", Optional.of("Weather by city"),
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
            Optional.of(true)),
        new ToolDefinition("now", Optional.empty(), null, Optional.empty()));
    JsonNode body = render(request);
    assertThat(body.path("tools")).isEqualTo(json("""
        [{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object",
           "properties":{"city":{"type":"string"}},"required":["city"]},"strict":true},
         {"name":"now","input_schema":{"type":"object","properties":{}}}]"""));
    assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
  }

  static Stream<Arguments> toolChoices() {
    return Stream.of(
        Arguments.of(ToolChoice.AUTO, Optional.empty(), "{\"type\":\"auto\"}"),
        Arguments.of(ToolChoice.NONE, Optional.empty(), "{\"type\":\"none\"}"),
        Arguments.of(ToolChoice.REQUIRED, Optional.empty(), "{\"type\":\"any\"}"),
        Arguments.of(new ToolChoice.Named("f"), Optional.empty(), "{\"type\":\"tool\",\"name\":\"f\"}"),
        Arguments.of(ToolChoice.AUTO, Optional.of(true), "{\"type\":\"auto\"}"),
        Arguments.of(ToolChoice.AUTO, Optional.of(false), "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"),
        Arguments.of(ToolChoice.REQUIRED, Optional.of(false), "{\"type\":\"any\",\"disable_parallel_tool_use\":true}"),
        Arguments.of(new ToolChoice.Named("f"), Optional.of(false),
            "{\"type\":\"tool\",\"name\":\"f\",\"disable_parallel_tool_use\":true}"),
        Arguments.of(ToolChoice.NONE, Optional.of(false), "{\"type\":\"none\"}"));
  }

  @ParameterizedTest
  @MethodSource("toolChoices")
  void toolChoicesBecomeAnthropicsForms(ToolChoice choice, Optional<Boolean> parallel, String expected) {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.tools = List.of(new ToolDefinition("f", Optional.empty(), json("{\"type\":\"object\"}"), Optional.empty()));
    request.toolChoice = choice;
    request.parallel = parallel;
    assertThat(render(request).path("tool_choice")).isEqualTo(json(expected));
  }

  @Test
  void aToolChoiceThatNeedsAMissingToolIsA400() {
    AnthropicTestSupport.Request noTools = request(user("Hi"));
    noTools.toolChoice = ToolChoice.REQUIRED;
    assertThat(rejection(noTools)).hasMessageContaining("defines no tools");
    AnthropicTestSupport.Request unknown = request(user("Hi"));
    unknown.tools = List.of(new ToolDefinition("f", Optional.empty(), json("{\"type\":\"object\"}"), Optional.empty()));
    unknown.toolChoice = new ToolChoice.Named("g");
    assertThat(rejection(unknown)).hasMessageContaining("'g'");
    AnthropicTestSupport.Request none = request(user("Hi"));
    none.toolChoice = ToolChoice.NONE;
    assertThat(render(none).has("tool_choice")).isFalse();
  }

  @Test
  void maxTokensIsTheClientsOrTheModelsDefault() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    assertThat(render(request).path("max_tokens").asInt()).isEqualTo(16_384);
    request.maxTokens = Optional.of(321);
    assertThat(render(request).path("max_tokens").asInt()).isEqualTo(321);
    assertThat(json(CanonicalToAnthropic.request(request(user("Hi")).build(), "claude-3-haiku-20240307"))
        .path("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void maxTokensOverTheModelsLimitIsA400NamingTheModel() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.maxTokens = Optional.of(100_000);
    assertThat(rejection(request)).hasMessageContaining("100000").hasMessageContaining(MODEL);
  }

  @Test
  void reasoningBecomesThinkingWithABudgetUnderMaxTokens() {
    AnthropicTestSupport.Request request = request(user("Think"));
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("high"), Optional.empty()));
    request.maxTokens = Optional.of(2000);
    JsonNode body = render(request);
    assertThat(body.path("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":24576}"));
    assertThat(body.path("max_tokens").asInt()).isEqualTo(26_576);
    request.reasoning = Optional.of(new ReasoningConfig(Optional.of("minimal"), Optional.empty()));
    assertThat(render(request).has("thinking")).isFalse();
  }

  @Test
  void samplingStopsUserAndStreamPassThrough() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.topP = Optional.of(0.9);
    request.topK = Optional.of(40);
    request.stops = List.of("\n\nHuman:", "END");
    request.user = Optional.of("user-42");
    request.seed = Optional.of(7L);
    request.stream = true;
    JsonNode body = render(request);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.path("top_k").asInt()).isEqualTo(40);
    assertThat(body.path("stop_sequences")).isEqualTo(json("[\"\\n\\nHuman:\",\"END\"]"));
    assertThat(body.path("metadata")).isEqualTo(json("{\"user_id\":\"user-42\"}"));
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.has("seed")).as("Anthropic has no seed").isFalse();
    MessageCreateParams.Body sdk = sdkRequest(CanonicalToAnthropic.request(request.build(), MODEL));
    assertThat(sdk.metadata().flatMap(m -> m.userId())).contains("user-42");
    assertThat(sdk.stopSequences().orElseThrow()).containsExactly("\n\nHuman:", "END");
  }

  @Test
  void aJsonSchemaBecomesStructuredOutputTheSdkReads() {
    AnthropicTestSupport.Request request = request(user("A dog"));
    JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
        + "\"required\":[\"name\"],\"additionalProperties\":false}");
    request.format = Optional.of(new ResponseFormat.JsonSchema("dog", Optional.of("A dog"), schema, true));
    byte[] body = CanonicalToAnthropic.request(request.build(), MODEL);
    assertThat(json(body).path("output_config")).isEqualTo(json(
        "{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}}"));
    assertThat(sdkRequest(body).outputConfig().orElseThrow().format().orElseThrow().schema()
        ._additionalProperties()).containsKeys("type", "properties", "required");
  }

  @Test
  void anyJsonObjectBecomesASystemInstruction() {
    AnthropicTestSupport.Request request = request(user("A dog"));
    request.format = Optional.of(new ResponseFormat.JsonObject());
    JsonNode body = render(request);
    assertThat(body.path("system")).isEqualTo(json(
        "[{\"type\":\"text\",\"text\":\"" + CanonicalToAnthropic.JSON_OBJECT_INSTRUCTION + "\"}]"));
    assertThat(body.has("output_config")).isFalse();
  }

  @Test
  void moreThanOneCandidateIsA400NamingTheModel() {
    AnthropicTestSupport.Request request = request(user("Hi"));
    request.candidates = 3;
    GatewayException e = rejection(request);
    assertThat(e).hasMessageContaining("3").hasMessageContaining(MODEL);
    assertThat(e.param()).contains("n");
  }
}
