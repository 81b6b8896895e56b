package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.assertSdkAccepts;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.chat;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.JsonTrees;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical requests to Gemini GenerateContentRequest bodies. */
class CanonicalToGeminiTest {
  private static final Item QUESTION = new Item.Message(Role.USER, List.of(ContentPart.text("Q")));
  private static final ToolDefinition WEATHER = new ToolDefinition("weather", Optional.of("Weather at a city"),
      json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],"
          + "\"additionalProperties\":false}"), Optional.of(true));

  private static Translation<byte[]> translate(ChatRequest request) {
    return CanonicalToGemini.request(request, "gemini-2.5-flash");
  }

  private static JsonNode body(ChatRequest request) {
    JsonNode body = json(translate(request).value());
    assertSdkAccepts(body);
    return body;
  }

  private static JsonNode contents(List<Item> items) {
    return body(chat(items)).get("contents");
  }

  private static ChatRequest withTools(ToolChoice choice, Optional<Boolean> parallel) {
    return new ChatRequest("m", List.of(QUESTION), List.of(WEATHER), choice, parallel, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), 1, Optional.empty(),
        Optional.empty(), Optional.empty(), false);
  }

  @Test
  void penaltiesGoToTheGenerationConfig() {
    JsonNode body = body(new ChatRequest("m", List.of(QUESTION), List.of(), ToolChoice.AUTO, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(0.5), Optional.of(-1.0),
        List.of(), Optional.empty(), 1, Optional.empty(), Optional.empty(), Optional.empty(), false));
    assertThat(body.at("/generationConfig/presencePenalty").asDouble()).isEqualTo(0.5);
    assertThat(body.at("/generationConfig/frequencyPenalty").asDouble()).isEqualTo(-1.0);
  }

  @Test
  void systemAndDeveloperMessagesBeforeTheConversationGoToTheSystemInstructionInOrder() {
    Translation<byte[]> translation = translate(chat(List.of(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("S1"))),
        new Item.Message(Role.DEVELOPER, List.of(ContentPart.text("D1"))), QUESTION)));
    JsonNode body = json(translation.value());
    assertSdkAccepts(body);
    assertThat(body.get("systemInstruction")).isEqualTo(json("{\"parts\":[{\"text\":\"S1\"},{\"text\":\"D1\"}]}"));
    assertThat(body.get("contents")).isEqualTo(json("[{\"role\":\"user\",\"parts\":[{\"text\":\"Q\"}]}]"));
    assertThat(translation.dropped()).isEmpty();
  }

  @Test
  void aSystemMessageAfterTheConversationBeganIsUserTextAtItsPlaceAndNamed() {
    Translation<byte[]> translation = translate(chat(List.of(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("S1"))), QUESTION,
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("# Environment"))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("A"))),
        new Item.Message(Role.DEVELOPER, List.of(ContentPart.text("D1"))),
        new Item.Message(Role.USER, List.of(ContentPart.text("more"))))));
    JsonNode body = json(translation.value());
    assertSdkAccepts(body);
    assertThat(body.get("systemInstruction")).isEqualTo(json("{\"parts\":[{\"text\":\"S1\"}]}"));
    assertThat(body.get("contents")).isEqualTo(json("""
        [{"role":"user","parts":[{"text":"Q"},{"text":"# Environment"}]},
         {"role":"model","parts":[{"text":"A"}]},
         {"role":"user","parts":[{"text":"D1"},{"text":"more"}]}]"""));
    assertThat(translation.dropped()).containsExactly(
        "items[2] (system role: after the conversation began it goes as user text at its place, Gemini having no "
            + "system role in contents)",
        "items[4] (developer role: after the conversation began it goes as user text at its place, Gemini having "
            + "no system role in contents)");
  }

  @Test
  void aToolLoopMergesEachSidesItemsIntoOneContent() {
    JsonNode contents = contents(List.of(QUESTION,
        new Item.Reasoning("thinking", Optional.of("gemini:c2lnMQ=="), Optional.empty()),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Let me look."))),
        new Item.ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
        new Item.ToolCall("c2", "weather", ""),
        new Item.ToolResult("c1", List.of(ContentPart.text("{\"temp\":21}")), false),
        new Item.ToolResult("c2", List.of(ContentPart.text("sunny")), false),
        new Item.Message(Role.USER, List.of(ContentPart.text("Thanks"))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Welcome")))));
    assertThat(contents).isEqualTo(json("""
        [{"role":"user","parts":[{"text":"Q"}]},
         {"role":"model","parts":[{"text":"thinking","thought":true,"thoughtSignature":"c2lnMQ=="},
           {"text":"Let me look."},
           {"functionCall":{"id":"c1","name":"weather","args":{"city":"Paris"}},"thoughtSignature":"skip_thought_signature_validator"},
           {"functionCall":{"id":"c2","name":"weather","args":{}}}]},
         {"role":"user","parts":[{"functionResponse":{"id":"c1","name":"weather","response":{"temp":21}}},
           {"functionResponse":{"id":"c2","name":"weather","response":{"result":"sunny"}}},
           {"text":"Thanks"}]},
         {"role":"model","parts":[{"text":"Welcome"}]}]"""));
  }

  @Test
  void emptySignedReasoningSignsTheNextPartOrAnEmptyTextPart() {
    JsonNode contents = contents(List.of(QUESTION,
        new Item.Reasoning("", Optional.of("gemini:c2lnMQ=="), Optional.empty()),
        new Item.ToolCall("c1", "f", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("{}")), false),
        new Item.Reasoning("", Optional.empty(), Optional.of("ZW5jMQ==")),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Done"))),
        new Item.Reasoning("", Optional.of("gemini:c2lnMg=="), Optional.empty()),
        new Item.Reasoning("", Optional.of("gemini:c2lnMw=="), Optional.empty()),
        new Item.Reasoning("", Optional.empty(), Optional.empty())));
    assertThat(contents.get(1)).isEqualTo(json("{\"role\":\"model\",\"parts\":[{\"functionCall\":"
        + "{\"id\":\"c1\",\"name\":\"f\",\"args\":{}},\"thoughtSignature\":\"c2lnMQ==\"}]}"));
    assertThat(contents.get(3)).isEqualTo(json("{\"role\":\"model\",\"parts\":[{\"text\":\"Done\"},"
        + "{\"text\":\"\",\"thoughtSignature\":\"c2lnMg==\"},"
        + "{\"text\":\"\",\"thoughtSignature\":\"c2lnMw==\"}]}"));
  }

  @Test
  void theRecordedThoughtSignatureGoesBackOnItsCall() {
    JsonNode recorded = GeminiRequestTestSupport.fixture("function-call-stream-thought-signature").exchange(1).request();
    ChatRequest request = GeminiToCanonical.request(dev.switchyard.testing.Fixtures.compact(recorded),
        "gemini-3-pro-preview", true).value();
    JsonNode sent = json(CanonicalToGemini.request(request, "gemini-3-pro-preview").value());
    assertThat(sent.get("contents")).isEqualTo(recorded.get("contents"));
  }

  /** Each row: a tool result's text, whether it is an error, and the functionResponse.response sent. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', textBlock = """
      {"a":1}; false; {"a":1}
      [1,2]; false; {"result":"[1,2]"}
      plain; false; {"result":"plain"}
      ''; false; {"result":""}
      boom; true; {"error":"boom"}
      {"code":5}; true; {"error":{"code":5}}
      """)
  void toolResultsBecomeResponseObjects(String text, boolean isError, String response) {
    JsonNode contents = contents(List.of(QUESTION, new Item.ToolCall("c1", "f", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text(text == null ? "" : text)), isError)));
    assertThat(contents.at("/2/parts/0/functionResponse/response")).isEqualTo(json(response));
  }

  @Test
  void aResultForAnUnknownCallIsRefused() {
    assertThat(rejection(() -> translate(chat(List.of(QUESTION,
        new Item.ToolResult("nope", List.of(ContentPart.text("x")), false))))).getMessage())
        .contains("'nope'").contains("answers no earlier tool call");
  }

  @Test
  void argumentsThatAreNoObjectAreRefused() {
    assertThat(rejection(() -> translate(chat(List.of(QUESTION, new Item.ToolCall("c1", "f", "[1]")))))
        .getMessage()).contains("are not a JSON object");
  }

  /** Each row: a media source, whether it is an image, and the part sent. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      base64:image/png:AAAA | true | {"inlineData":{"mimeType":"image/png","data":"AAAA"}}
      url:data:image/jpeg;base64,QUJD | true | {"inlineData":{"mimeType":"image/jpeg","data":"QUJD"}}
      url:data:,hi%20there | false | {"inlineData":{"mimeType":"text/plain","data":"aGkgdGhlcmU="}}
      url:https://example.com/cat.jpg?size=2 | true | {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.jpg?size=2"}}
      url:https://example.com/doc | false | {"fileData":{"fileUri":"https://example.com/doc"}}
      url:gs://bucket/report.PDF | false | {"fileData":{"mimeType":"application/pdf","fileUri":"gs://bucket/report.PDF"}}
      file:files/abc | false | {"fileData":{"fileUri":"files/abc"}}
      file:https://generativelanguage.googleapis.com/v1beta/files/abc | true | {"fileData":{"fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc"}}
      """)
  void mediaBecomesInlineDataOrFileData(String source, boolean image, String part) {
    String[] kind = source.split(":", 2);
    MediaSource media = switch (kind[0]) {
      case "base64" -> new MediaSource.Base64(kind[1].split(":")[0], kind[1].split(":")[1]);
      case "url" -> new MediaSource.Url(kind[1]);
      default -> new MediaSource.FileId(kind[1]);
    };
    ContentPart content = image ? new ContentPart.Image(media, Optional.empty())
        : new ContentPart.Document(media, Optional.empty());
    Translation<byte[]> translation = translate(chat(List.of(new Item.Message(Role.USER, List.of(content)))));
    assertThat(json(translation.value()).at("/contents/0/parts/0")).isEqualTo(json(part));
    assertThat(translation.dropped()).isEmpty();
  }

  @Test
  void aFileIdOfAnotherProviderIsRefused() {
    assertThat(rejection(() -> translate(chat(List.of(new Item.Message(Role.USER, List.of(
        new ContentPart.Document(new MediaSource.FileId("file-abc123"), Optional.empty()))))))).getMessage())
        .contains("file id 'file-abc123' is not a Gemini file");
  }

  @Test
  void imageDetailDocumentFilenameAndMediaInToolResultsAreDroppedAndNamed() {
    Translation<byte[]> translation = translate(chat(List.of(
        new Item.Message(Role.USER, List.of(ContentPart.text("Look"),
            new ContentPart.Image(new MediaSource.Url("https://example.com/a.png"), Optional.of("high")),
            new ContentPart.Document(new MediaSource.Base64("application/pdf", "AA"), Optional.of("a.pdf")))),
        new Item.ToolCall("c1", "f", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("ok"),
            new ContentPart.Image(new MediaSource.Base64("image/png", "AA"), Optional.empty())), false))));
    assertThat(translation.dropped()).containsExactly("items[0].content[1].detail", "items[0].content[2].filename",
        "items[2].content[1] (media: Gemini's function responses carry JSON only)");
  }

  @Test
  void mediaInASystemMessageIsRefused() {
    assertThat(rejection(() -> translate(chat(List.of(new Item.Message(Role.SYSTEM, List.of(
        new ContentPart.Image(new MediaSource.Url("https://example.com/a.png"), Optional.empty()))), QUESTION))))
        .getMessage()).contains("may hold only text");
  }

  @Test
  void toolsGoAsDeclarationsWithGeminisSchema() {
    Translation<byte[]> translation = translate(withTools(ToolChoice.AUTO, Optional.of(false)));
    JsonNode body = json(translation.value());
    assertSdkAccepts(body);
    assertThat(body.get("tools")).isEqualTo(json("[{\"functionDeclarations\":[{\"name\":\"weather\","
        + "\"description\":\"Weather at a city\",\"parameters\":{\"type\":\"OBJECT\",\"properties\":"
        + "{\"city\":{\"type\":\"STRING\"}},\"required\":[\"city\"]}}]}]"));
    assertThat(body.has("toolConfig")).isFalse();
    assertThat(translation.dropped()).containsExactly("tools[0].parameters.additionalProperties",
        "tools[0].strict", "parallel_tool_calls");
  }

  /** Each row: a tool choice and the functionCallingConfig sent (empty: none sent). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      auto; 
      none; {"mode":"NONE"}
      required; {"mode":"ANY"}
      weather; {"mode":"ANY","allowedFunctionNames":["weather"]}
      """)
  void toolChoicesBecomeFunctionCallingModes(String choice, String config) {
    ToolChoice toolChoice = switch (choice) {
      case "auto" -> ToolChoice.AUTO;
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> new ToolChoice.Named(choice);
    };
    JsonNode body = body(withTools(toolChoice, Optional.empty()));
    assertThat(body.path("toolConfig").path("functionCallingConfig"))
        .isEqualTo(config == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json(config));
  }

  @Test
  void aToolChoiceWithoutItsToolIsRefused() {
    assertThat(rejection(() -> translate(withTools(new ToolChoice.Named("other"), Optional.empty()))).getMessage())
        .contains("'other'");
    ChatRequest noTools = new ChatRequest("m", List.of(QUESTION), List.of(), ToolChoice.REQUIRED, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of(), Optional.empty(), 1,
        Optional.empty(), Optional.empty(), Optional.empty(), false);
    assertThat(rejection(() -> translate(noTools)).getMessage()).contains("defines no tools");
  }

  @Test
  void aSchemaGeminiCannotTakeIsRefused() {
    ToolDefinition recursive = new ToolDefinition("tree", Optional.empty(), json("{\"type\":\"object\","
        + "\"properties\":{\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}}}"), Optional.empty());
    ChatRequest request = new ChatRequest("m", List.of(QUESTION), List.of(recursive), ToolChoice.AUTO,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(),
        Optional.empty(), 1, Optional.empty(), Optional.empty(), Optional.empty(), false);
    assertThat(rejection(() -> translate(request)).getMessage()).isEqualTo(
        "tools[0].parameters.properties.children.items: recursive $ref '#' cannot be expressed in Gemini's schema.");
  }

  private static ChatRequest configured(Optional<ResponseFormat> format, Optional<ReasoningConfig> reasoning,
      Optional<Long> seed, Optional<String> user) {
    return new ChatRequest("m", List.of(QUESTION), List.of(), ToolChoice.AUTO, Optional.empty(), Optional.of(200),
        Optional.of(0.3), Optional.of(0.8), Optional.of(20), Optional.empty(), Optional.empty(), List.of("STOP"),
        seed, 2, format, reasoning, user, true);
  }

  @Test
  void samplingSettingsGoToTheGenerationConfig() {
    Translation<byte[]> translation = CanonicalToGemini.request(configured(Optional.empty(), Optional.empty(),
        Optional.of(42L), Optional.of("user-1")), "gemini-2.5-flash");
    JsonNode body = json(translation.value());
    assertSdkAccepts(body);
    assertThat(body.get("generationConfig")).isEqualTo(json("{\"candidateCount\":2,\"stopSequences\":[\"STOP\"],"
        + "\"maxOutputTokens\":200,\"temperature\":0.3,\"topP\":0.8,\"topK\":20,\"seed\":42}"));
    assertThat(body.has("stream")).isFalse();
    assertThat(body.has("model")).isFalse();
    assertThat(translation.dropped()).containsExactly("user");
  }

  @Test
  void aSeedBeyondGeminisIntegerIsDroppedAndNamed() {
    Translation<byte[]> translation = CanonicalToGemini.request(configured(Optional.empty(), Optional.empty(),
        Optional.of(1L << 40), Optional.empty()), "gemini-2.5-flash");
    assertThat(json(translation.value()).path("generationConfig").has("seed")).isFalse();
    assertThat(translation.dropped()).containsExactly("seed");
  }

  /** Each row: a response format and the generationConfig fields sent for it. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      object; ; {"responseMimeType":"application/json"}
      schema; ; {"responseMimeType":"application/json","responseJsonSchema":{"type":"object","additionalProperties":false}}
      schema; A city; {"responseMimeType":"application/json","responseJsonSchema":{"type":"object","additionalProperties":false,"description":"A city"}}
      """)
  void responseFormatsBecomeResponseJsonSchema(String kind, String description, String expected) {
    ResponseFormat format = kind.equals("object") ? new ResponseFormat.JsonObject()
        : new ResponseFormat.JsonSchema("city", Optional.ofNullable(description),
            json("{\"type\":\"object\",\"additionalProperties\":false}"), true);
    JsonNode config = body(configured(Optional.of(format), Optional.empty(), Optional.empty(), Optional.empty()))
        .get("generationConfig");
    ObjectNode response = JsonTrees.object();
    config.properties().forEach(f -> {
      if (f.getKey().startsWith("response")) {
        response.set(f.getKey(), f.getValue());
      }
    });
    assertThat(response).isEqualTo(json(expected));
  }

  /** Each row: the upstream model, an effort, a budget, and the thinkingConfig sent. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = ';', textBlock = """
      gemini-2.5-flash; ; 2048; {"thinkingBudget":2048,"includeThoughts":true}
      gemini-3-pro-preview; high; 2048; {"thinkingBudget":2048,"includeThoughts":true}
      gemini-3-pro-preview; low; ; {"thinkingLevel":"low","includeThoughts":true}
      models/gemini-3-flash; minimal; ; {"thinkingLevel":"minimal","includeThoughts":true}
      gemini-3.1-pro; xhigh; ; {"thinkingLevel":"high","includeThoughts":true}
      gemini-3.1-pro; minimal; ; {"thinkingLevel":"low","includeThoughts":true}
      gemini-3.1-pro; medium; ; {"thinkingLevel":"medium","includeThoughts":true}
      gemini-3-pro-preview; medium; ; {"thinkingLevel":"high","includeThoughts":true}
      gemini-3.1-flash; medium; ; {"thinkingLevel":"medium","includeThoughts":true}
      gemini-2.5-flash; minimal; ; {"thinkingBudget":0,"includeThoughts":true}
      gemini-2.5-flash; low; ; {"thinkingBudget":1024,"includeThoughts":true}
      gemini-2.5-pro; medium; ; {"thinkingBudget":8192,"includeThoughts":true}
      gemini-2.5-pro; HIGH; ; {"thinkingBudget":24576,"includeThoughts":true}
      gemini-2.5-flash; ; ; {"includeThoughts":true}
      gemini-2.5-flash; ; -1; {"thinkingBudget":-1,"includeThoughts":true}
      """)
  void reasoningBecomesAThinkingConfig(String model, String effort, Integer budget, String expected) {
    ChatRequest request = configured(Optional.empty(),
        Optional.of(new ReasoningConfig(Optional.ofNullable(effort), Optional.ofNullable(budget))),
        Optional.empty(), Optional.empty());
    JsonNode body = json(CanonicalToGemini.request(request, model).value());
    assertSdkAccepts(body);
    assertThat(body.at("/generationConfig/thinkingConfig")).isEqualTo(json(expected));
  }

  @Test
  void reasoningWhoseTextIsNotWantedAsksForNoThoughtsButStillThinks() {
    ChatRequest request = configured(Optional.empty(),
        Optional.of(new ReasoningConfig(Optional.of("high"), Optional.empty(), true)), Optional.empty(), Optional.empty());
    JsonNode body = json(CanonicalToGemini.request(request, "gemini-3-flash").value());
    assertSdkAccepts(body);
    assertThat(body.at("/generationConfig/thinkingConfig")).isEqualTo(
        json("{\"thinkingLevel\":\"high\",\"includeThoughts\":false}"));
  }

  @Test
  void anUnknownEffortIsRefused() {
    ChatRequest request = configured(Optional.empty(),
        Optional.of(new ReasoningConfig(Optional.of("extreme"), Optional.empty())), Optional.empty(), Optional.empty());
    assertThat(rejection(() -> CanonicalToGemini.request(request, "gemini-3-pro")).getMessage())
        .contains("'extreme'");
  }

  @Test
  void aCompleteRequestIsOneTheSdkReads() {
    ChatRequest request = new ChatRequest("m", List.of(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("S"))), QUESTION,
        new Item.Reasoning("hm", Optional.of("c2ln"), Optional.empty()),
        new Item.ToolCall("c1", "weather", "{\"city\":\"Paris\"}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("{\"t\":1}")), false),
        new Item.Message(Role.USER, List.of(new ContentPart.Image(new MediaSource.Base64("image/png", "AAAA"),
            Optional.empty())))),
        List.of(WEATHER), ToolChoice.REQUIRED, Optional.empty(), Optional.of(100), Optional.of(1.0),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 1,
        Optional.of(new ResponseFormat.JsonObject()),
        Optional.of(new ReasoningConfig(Optional.of("low"), Optional.empty())), Optional.empty(), false);
    JsonNode body = json(CanonicalToGemini.request(request, "gemini-3-flash").value());
    assertSdkAccepts(body);
    assertThat(body.get("contents")).hasSize(3);
  }
}
