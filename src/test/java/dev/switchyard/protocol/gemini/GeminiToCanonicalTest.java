package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.assertSdkAccepts;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.fixture;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.rejection;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.sameJson;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.utf8;
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
import dev.switchyard.canonical.Translation;
import dev.switchyard.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Gemini GenerateContentRequest bodies to canonical, for the native endpoint when the model lives elsewhere. */
class GeminiToCanonicalTest {
  private static Translation<ChatRequest> translate(String body) {
    return GeminiToCanonical.request(utf8(body), "gemini-2.5-flash", false);
  }

  private static ChatRequest parse(String body) {
    return translate(body).value();
  }

  private static String withContents(String contents) {
    return "{\"contents\":" + contents + "}";
  }

  private static String user(String parts) {
    return "{\"role\":\"user\",\"parts\":" + parts + "}";
  }

  private static String model(String parts) {
    return "{\"role\":\"model\",\"parts\":" + parts + "}";
  }

  static Stream<Arguments> recordedRequests() {
    return Stream.of(
        Arguments.of("generate-text", 0), Arguments.of("stream-text-sse", 0),
        Arguments.of("error-404-model-not-found", 0), Arguments.of("structured-output", 0),
        Arguments.of("function-call", 0), Arguments.of("function-call", 1),
        Arguments.of("function-call-stream-thought-signature", 0),
        Arguments.of("function-call-stream-thought-signature", 1),
        Arguments.of("stream-json-array-thoughts-tools", 0), Arguments.of("stream-json-array-thoughts-tools", 1),
        Arguments.of("stream-json-array-thoughts-tools", 2));
  }

  /**
   * Every recorded request, through canonical and back, is the request it was, but for the
   * documented losses and equivalent spellings the normalization below lists.
   */
  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedRequests")
  void recordedRequestsSurviveARoundTripThroughCanonical(String name, int exchange) {
    JsonNode recorded = fixture(name).exchange(exchange).request();
    Translation<ChatRequest> canonical = GeminiToCanonical.request(Fixtures.compact(recorded), "gemini-x", true);
    assertThat(canonical.value().model()).isEqualTo("gemini-x");
    assertThat(canonical.value().stream()).isTrue();
    assertThat(canonical.dropped()).allMatch(d -> d.equals("safetySettings"));
    Translation<byte[]> again = CanonicalToGemini.request(canonical.value(), "gemini-2.5-flash");
    JsonNode sent = json(again.value());
    assertSdkAccepts(sent);
    JsonNode expected = normalize(recorded.deepCopy());
    JsonNode actual = normalize(sent.deepCopy());
    assertThat(sameJson(actual, expected)).as("%s%nbecame%n%s", expected, actual).isTrue();
  }

  /** Equivalent spellings made one, and what the translation documents as dropped or added removed. */
  private static JsonNode normalize(JsonNode body) {
    ObjectNode root = (ObjectNode) body;
    root.remove("safetySettings"); // dropped, named
    if (root.path("systemInstruction").isObject()) {
      ((ObjectNode) root.get("systemInstruction")).remove("role"); // ignored: always the system's
    }
    if (root.path("generationConfig").isObject()) {
      ObjectNode config = (ObjectNode) root.get("generationConfig");
      config.remove("responseModalities"); // TEXT only: the default
      if (config.isEmpty()) {
        root.remove("generationConfig");
      }
    }
    List<String> declared = new ArrayList<>();
    for (JsonNode declaration : root.path("tools").path(0).path("functionDeclarations")) {
      ObjectNode wire = (ObjectNode) declaration;
      declared.add(wire.path("name").asText());
      if (wire.path("description").isNull()) {
        wire.remove("description");
      }
      JsonNode schema = wire.has("parameters_json_schema") ? wire.remove("parameters_json_schema") : wire.remove("parameters");
      ((ObjectNode) schema).remove("additionalProperties"); // dropped, named
      ((ObjectNode) schema).put("type", schema.path("type").asText().toUpperCase());
      wire.set("parameters", schema);
    }
    JsonNode calling = root.path("toolConfig").path("functionCallingConfig");
    if (calling.isObject() && calling.path("allowedFunctionNames").size() == declared.size()) {
      ((ObjectNode) calling).remove("allowedFunctionNames"); // every declared function: no restriction
    }
    for (JsonNode content : root.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        ObjectNode wire = (ObjectNode) part;
        for (Map.Entry<String, String> spelling : Map.of("function_call", "functionCall",
            "function_response", "functionResponse").entrySet()) {
          if (wire.has(spelling.getKey())) {
            wire.set(spelling.getValue(), wire.remove(spelling.getKey()));
          }
        }
        if (wire.path("thoughtSignature").asText().equals(CanonicalItemsToGemini.SKIP_SIGNATURE)) {
          wire.remove("thoughtSignature"); // the placeholder for calls that had none
        }
      }
    }
    return root;
  }

  @Test
  void cachedContentIsRefused() {
    JsonNode recorded = fixture("cached-content-usage").first().request();
    assertThat(rejection(() -> GeminiToCanonical.request(Fixtures.compact(recorded), "m", false)).param())
        .contains("cachedContent");
  }

  @Test
  void recordedToolLoopWithAThoughtSignatureKeepsItBeforeTheCall() {
    JsonNode recorded = fixture("function-call-stream-thought-signature").exchange(1).request();
    ChatRequest request = GeminiToCanonical.request(Fixtures.compact(recorded), "gemini-3-pro-preview", true).value();
    String id = "pyd_ai_29bf73b69e02448588e15893d47a3e7e";
    assertThat(request.items()).hasSize(4);
    assertThat(request.items().get(0)).isEqualTo(new Item.Message(Role.USER,
        List.of(ContentPart.text("What is the capital of the user country? Call the tool"))));
    assertThat(request.items().get(1)).isInstanceOfSatisfying(Item.Reasoning.class, r -> {
      assertThat(r.text()).isEmpty();
      assertThat(r.signature().orElseThrow()).startsWith("gemini:EpwICpkIAXLI2nxlU6gs");
      assertThat(r.encrypted()).isEmpty();
    });
    assertThat(request.items().get(2)).isEqualTo(new Item.ToolCall(id, "get_country", "{}"));
    assertThat(request.items().get(3)).isEqualTo(new Item.ToolResult(id,
        List.of(ContentPart.text("{\"return_value\":\"Mexico\"}")), false));
    assertThat(request.tools().get(0).parameters()).isEqualTo(
        json("{\"additionalProperties\":false,\"properties\":{},\"type\":\"object\"}"));
    byte[] back = CanonicalToGemini.request(request, "gemini-3-pro-preview").value();
    assertThat(json(back).at("/contents/1/parts/0/thoughtSignature").asText())
        .isEqualTo(recorded.at("/contents/1/parts/0/thoughtSignature").asText());
  }

  @Test
  void systemInstructionAndRolesBecomeMessages() {
    ChatRequest request = parse("{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"},{\"text\":\"Be kind.\"}]},"
        + "\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}," + model("[{\"text\":\"Hello\"}]") + ","
        + "{\"role\":\"function\",\"parts\":[{\"text\":\"x\"}]}]}");
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("Be brief."), ContentPart.text("Be kind."))),
        new Item.Message(Role.USER, List.of(ContentPart.text("Hi"))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Hello"))),
        new Item.Message(Role.USER, List.of(ContentPart.text("x"))));
  }

  @Test
  void snakeCaseFieldNamesReadLikeCamelCase() {
    Translation<ChatRequest> translation = translate("{\"system_instruction\":{\"parts\":[{\"text\":\"S\"}]},"
        + "\"contents\":[" + user("[{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"AAAA\"}},"
        + "{\"file_data\":{\"file_uri\":\"files/abc\",\"mime_type\":\"application/pdf\"}}]") + "],"
        + "\"tool_config\":{\"function_calling_config\":{\"mode\":\"ANY\",\"allowed_function_names\":[\"f\"]}},"
        + "\"tools\":[{\"function_declarations\":[{\"name\":\"f\",\"parameters\":{\"type\":\"OBJECT\","
        + "\"properties\":{\"a\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"},\"min_items\":\"1\"}}}}]}],"
        + "\"generation_config\":{\"max_output_tokens\":50,\"top_p\":0.5,\"top_k\":3,\"stop_sequences\":[\"x\"],"
        + "\"candidate_count\":2,\"response_mime_type\":\"application/json\","
        + "\"thinking_config\":{\"thinking_budget\":512,\"include_thoughts\":true}}}");
    ChatRequest request = translation.value();
    assertThat(translation.dropped()).isEmpty();
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("S"))),
        new Item.Message(Role.USER, List.of(
            new ContentPart.Image(new MediaSource.Base64("image/png", "AAAA"), Optional.empty()),
            new ContentPart.Document(new MediaSource.FileId("files/abc"), Optional.empty()))));
    assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Named("f"));
    assertThat(request.tools().get(0).parameters()).isEqualTo(json("{\"type\":\"object\",\"properties\":"
        + "{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1}}}"));
    assertThat(request.maxOutputTokens()).contains(50);
    assertThat(request.topP()).contains(0.5);
    assertThat(request.topK()).contains(3);
    assertThat(request.stopSequences()).containsExactly("x");
    assertThat(request.candidates()).isEqualTo(2);
    assertThat(request.responseFormat()).contains(new ResponseFormat.JsonObject());
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.empty(), Optional.of(512)));
  }

  /** Each row: a fileData or inlineData part and the canonical part it becomes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"inlineData":{"mimeType":"image/jpeg","data":"AA"}}; image; base64; image/jpeg
      {"inlineData":{"mimeType":"application/pdf","data":"AA"}}; document; base64; application/pdf
      {"fileData":{"fileUri":"https://example.com/cat.PNG?x=1"}}; image; url; https://example.com/cat.PNG?x=1
      {"fileData":{"fileUri":"gs://bucket/report.pdf"}}; document; url; gs://bucket/report.pdf
      {"fileData":{"fileUri":"https://example.com/a","mimeType":"image/webp"}}; image; url; https://example.com/a
      {"fileData":{"fileUri":"files/abc123","mimeType":"image/png"}}; image; file; files/abc123
      {"fileData":{"fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc123"}}; document; file; https://generativelanguage.googleapis.com/v1beta/files/abc123
      """)
  void mediaPartsBecomeImagesOrDocuments(String part, String kind, String source, String value) {
    ContentPart content = ((Item.Message) parse(withContents("[" + user("[" + part + "]") + "]")).items().get(0))
        .content().get(0);
    MediaSource media = content instanceof ContentPart.Image image ? image.source()
        : ((ContentPart.Document) content).source();
    assertThat(content).isInstanceOf(kind.equals("image") ? ContentPart.Image.class : ContentPart.Document.class);
    assertThat(media).isEqualTo(switch (source) {
      case "base64" -> new MediaSource.Base64(value, "AA");
      case "url" -> new MediaSource.Url(value);
      default -> new MediaSource.FileId(value);
    });
  }

  @Test
  void thoughtsAndSignaturesBecomeReasoningBeforeTheirParts() {
    ChatRequest request = parse(withContents("[" + user("[{\"text\":\"Q\"}]") + ","
        + model("[{\"text\":\"Let me think\",\"thought\":true,\"thoughtSignature\":\"c2lnMQ==\"},"
        + "{\"text\":\"Answer\",\"thoughtSignature\":\"c2lnMg==\"},"
        + "{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}},\"thoughtSignature\":\"c2lnMw==\"},"
        + "{\"text\":\"\",\"thoughtSignature\":\"c2lnNA==\"}]") + "]"));
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.USER, List.of(ContentPart.text("Q"))),
        new Item.Reasoning("Let me think", Optional.of("gemini:c2lnMQ=="), Optional.empty()),
        new Item.Reasoning("", Optional.of("gemini:c2lnMg=="), Optional.empty()),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Answer"))),
        new Item.Reasoning("", Optional.of("gemini:c2lnMw=="), Optional.empty()),
        new Item.ToolCall("call_1_2", "f", "{\"a\":1}"),
        new Item.Reasoning("", Optional.of("gemini:c2lnNA=="), Optional.empty()));
  }

  @Test
  void callsWithoutIdsGetStableIdsAndResponsesMatchThemByNameInOrder() {
    ChatRequest request = parse(withContents("[" + user("[{\"text\":\"Q\"}]") + ","
        + model("[{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":1}}},{\"functionCall\":{\"name\":\"g\"}},"
        + "{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":2}}}]") + ","
        + user("[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"r\":1}}},"
        + "{\"functionResponse\":{\"name\":\"f\",\"response\":{\"r\":2}}},"
        + "{\"functionResponse\":{\"name\":\"g\",\"response\":{\"r\":3}}}]") + "]"));
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.USER, List.of(ContentPart.text("Q"))),
        new Item.ToolCall("call_1_0", "f", "{\"n\":1}"),
        new Item.ToolCall("call_1_1", "g", "{}"),
        new Item.ToolCall("call_1_2", "f", "{\"n\":2}"),
        new Item.ToolResult("call_1_0", List.of(ContentPart.text("{\"r\":1}")), false),
        new Item.ToolResult("call_1_2", List.of(ContentPart.text("{\"r\":2}")), false),
        new Item.ToolResult("call_1_1", List.of(ContentPart.text("{\"r\":3}")), false));
  }

  /** Each row: a request body and the start of its 400's message. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"contents":[]}; contents must be a non-empty array
      {"generationConfig":{}}; contents must be a non-empty array
      {"contents":[{"role":"user","parts":[]}]}; contents[0].parts: a content needs at least one part
      {"contents":[{"role":"user"}]}; contents[0].parts: a content needs at least one part
      {"contents":[{"role":"tool","parts":[{"text":"x"}]}]}; contents[0].role: 'tool' is not user or model
      {"contents":[{"parts":[{"text":"x"}]},{"role":"model","parts":[{"executableCode":{"language":"PYTHON","code":"1"}}]}]}; contents[1].parts[0]: unsupported part (executableCode)
      {"contents":[{"parts":[{"code_execution_result":{"outcome":"OUTCOME_OK"}}]}]}; contents[0].parts[0]: unsupported part (codeExecutionResult)
      {"contents":[{"parts":[{"videoMetadata":{"fps":1}}]}]}; contents[0].parts[0]: unsupported part (videoMetadata)
      {"contents":[{"parts":[{"somethingNew":{}}]}]}; contents[0].parts[0]: unsupported part (no known field)
      {"contents":[{"parts":[{"functionCall":{"name":"f"}}]}]}; contents[0].parts[0].functionCall: a functionCall part belongs in a model content
      {"contents":[{"role":"model","parts":[{"functionResponse":{"name":"f","response":{}}}]}]}; contents[0].parts[0].functionResponse: a functionResponse belongs in a user content
      {"contents":[{"parts":[{"functionResponse":{"name":"f","response":{}}}]}]}; contents[0].parts[0].functionResponse: no earlier functionCall named 'f'
      {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","args":[1]}}]}]}; contents[0].parts[0].functionCall.args: must be a JSON object
      {"contents":[{"role":"model","parts":[{"functionCall":{"name":"f","id":"1"}}]},{"parts":[{"functionResponse":{"id":"1","name":"f","response":{},"parts":[{"inlineData":{"mimeType":"image/png","data":"AA"}}]}}]}]}; contents[1].parts[0].functionResponse: unsupported part (functionResponse.parts)
      {"contents":[{"parts":[{"inlineData":{"data":"AA"}}]}]}; contents[0].parts[0].inlineData: mimeType is required
      {"contents":[{"parts":[{"text":"x"}]}],"systemInstruction":{"parts":[{"inlineData":{"mimeType":"image/png","data":"AA"}}]}}; systemInstruction.parts[0]: the system instruction may hold only text parts
      {"contents":[{"parts":[{"text":"x"}]}],"systemInstruction":{"parts":{"x_unknown_field":null}}}; systemInstruction.parts must be an array
      {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":{"labels":true}}]}; tools[0].functionDeclarations must be an array
      {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"function_declarations":"f"}]}; tools[0].functionDeclarations must be an array
      {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"googleSearch":{}}]}; tools[0].googleSearch: Gemini's server tools
      {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"functionDeclarations":[{"name":"f"}]},{"code_execution":{}}]}; tools[1].code_execution: Gemini's server tools
      {"contents":[{"parts":[{"text":"x"}]}],"tools":[{"urlContext":{}}]}; tools[0].urlContext
      {"contents":[{"parts":[{"text":"x"}]}],"toolConfig":{"functionCallingConfig":{"mode":"SOMETIMES"}}}; toolConfig.functionCallingConfig.mode: 'SOMETIMES'
      {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}}; generationConfig.responseModalities: IMAGE output
      {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseModalities":["AUDIO"]}}; generationConfig.responseModalities: AUDIO output
      {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseMimeType":"text/x.enum"}}; generationConfig.responseMimeType: 'text/x.enum'
      {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"temperature":"hot"}}; generationConfig.temperature must be a number
      {"contents":[{"parts":[{"text":"x"}]}],"cachedContent":"cachedContents/1"}; cachedContent refers to a prompt cached
      [1]; The request body must be a JSON object
      """)
  void untranslatableRequestsAreRefused(String body, String message) {
    assertThat(rejection(() -> parse(body)).getMessage()).startsWith(message);
  }

  /** Each row: a functionCallingConfig, the tool choice it becomes, whether something was dropped. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"mode":"AUTO"}; auto; false
      {"mode":"auto"}; auto; false
      {}; auto; false
      {"mode":"NONE"}; none; false
      {"mode":"ANY"}; required; false
      {"mode":"ANY","allowedFunctionNames":["g"]}; g; false
      {"mode":"ANY","allowedFunctionNames":["f","g"]}; required; true
      {"mode":"ANY","allowedFunctionNames":["f","g","h"]}; required; false
      {"mode":"VALIDATED"}; auto; false
      {"mode":"VALIDATED","allowedFunctionNames":["f"]}; auto; true
      """)
  void functionCallingModesBecomeToolChoices(String config, String choice, boolean dropped) {
    String tools = "[{\"functionDeclarations\":[{\"name\":\"f\"},{\"name\":\"g\"},{\"name\":\"h\"}]}]";
    Translation<ChatRequest> translation = translate("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":"
        + tools + ",\"toolConfig\":{\"functionCallingConfig\":" + config + "}}");
    assertThat(translation.value().toolChoice()).isEqualTo(switch (choice) {
      case "auto" -> ToolChoice.AUTO;
      case "none" -> ToolChoice.NONE;
      case "required" -> ToolChoice.REQUIRED;
      default -> new ToolChoice.Named(choice);
    });
    assertThat(translation.dropped().contains("toolConfig.functionCallingConfig.allowedFunctionNames"))
        .isEqualTo(dropped);
  }

  @Test
  void anAllowedSubsetOfSeveralFunctionsIsDroppedAndNamed() {
    Translation<ChatRequest> translation = translate("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"},{\"name\":\"g\"},{\"name\":\"h\"}]}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\",\"g\"]}}}");
    assertThat(translation.value().toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    assertThat(translation.dropped()).containsExactly("toolConfig.functionCallingConfig.allowedFunctionNames");
  }

  @Test
  void declarationsKeepTheirSchemasAndNameWhatHasNoPlace() {
    Translation<ChatRequest> translation = translate("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\",\"description\":\"F\",\"parametersJsonSchema\":"
        + "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}},"
        + "\"responseJsonSchema\":{\"type\":\"string\"},\"behavior\":\"NON_BLOCKING\"},{\"name\":\"g\"}]}]}");
    ChatRequest request = translation.value();
    assertThat(request.tools().get(0).description()).contains("F");
    assertThat(request.tools().get(0).parameters()).isEqualTo(
        json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}}"));
    assertThat(request.tools().get(1).parameters()).isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
    assertThat(translation.dropped()).containsExactly("tools[0].functionDeclarations[0].responseJsonSchema",
        "tools[0].functionDeclarations[0].behavior");
  }

  @Test
  void generationConfigBecomesSamplingSettings() {
    ChatRequest request = parse("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{"
        + "\"temperature\":0.2,\"topP\":0.9,\"topK\":40,\"maxOutputTokens\":100,\"stopSequences\":[\"END\"],"
        + "\"candidateCount\":3,\"seed\":7,\"responseModalities\":[\"TEXT\"]}}");
    assertThat(request.temperature()).contains(0.2);
    assertThat(request.topP()).contains(0.9);
    assertThat(request.topK()).contains(40);
    assertThat(request.maxOutputTokens()).contains(100);
    assertThat(request.stopSequences()).containsExactly("END");
    assertThat(request.candidates()).isEqualTo(3);
    assertThat(request.seed()).contains(7L);
    assertThat(request.responseFormat()).isEmpty();
    assertThat(request.reasoning()).isEmpty();
  }

  /** Each row: a generationConfig's response fields and the canonical format name and schema. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      "responseMimeType":"application/json","responseJsonSchema":{"title":"City","type":"object"}; City; {"title":"City","type":"object"}
      "responseMimeType":"application/json","_responseJsonSchema":{"type":"string"}; response; {"type":"string"}
      "response_mime_type":"application/json","response_schema":{"type":"OBJECT","properties":{"a":{"type":"STRING","nullable":true}}}; response; {"type":"object","properties":{"a":{"type":["string","null"]}}}
      """)
  void responseSchemasBecomeJsonSchemaFormats(String fields, String name, String schema) {
    ChatRequest request = parse("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{" + fields + "}}");
    assertThat(request.responseFormat()).contains(new ResponseFormat.JsonSchema(name, Optional.empty(), json(schema), true));
  }

  /** Each row: a thinkingConfig and the reasoning settings it becomes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"thinkingBudget":1024}; ; 1024
      {"thinkingBudget":0}; ; 0
      {"thinkingBudget":-1,"includeThoughts":true}; ; -1
      {"thinkingLevel":"HIGH"}; high;
      {"thinking_level":"low","include_thoughts":true}; low;
      {"includeThoughts":true}; ;
      """)
  void thinkingConfigBecomesReasoning(String thinking, String effort, Integer budget) {
    ChatRequest request = parse("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{"
        + "\"thinkingConfig\":" + thinking + "}}");
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.ofNullable(effort), Optional.ofNullable(budget)));
  }

  @Test
  void thinkingConfigThatAsksNothingIsNoReasoning() {
    assertThat(parse("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{"
        + "\"thinkingConfig\":{\"includeThoughts\":false}}}").reasoning()).isEmpty();
  }

  @Test
  void fieldsWithoutCanonicalEquivalentAreDroppedAndNamed() {
    Translation<ChatRequest> translation = translate("{\"contents\":[{\"parts\":[{\"text\":\"x\","
        + "\"partMetadata\":{\"k\":1}},{\"fileData\":{\"fileUri\":\"gs://b/v.mp4\"},\"videoMetadata\":{\"fps\":2}}]}],"
        + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}],"
        + "\"labels\":{\"team\":\"a\"},\"somethingNew\":1,\"model\":\"models/other\","
        + "\"toolConfig\":{\"retrievalConfig\":{\"languageCode\":\"en\"}},"
        + "\"generationConfig\":{\"presencePenalty\":0.5,\"frequencyPenalty\":0,\"responseLogprobs\":true,"
        + "\"logprobs\":3,\"mediaResolution\":\"MEDIA_RESOLUTION_LOW\",\"speechConfig\":{\"languageCode\":\"en\"},"
        + "\"thinkingConfig\":{\"thinkingBudget\":5,\"somethingElse\":true}}}");
    assertThat(translation.dropped()).containsExactlyInAnyOrder("contents[0].parts[0].partMetadata",
        "contents[0].parts[1].videoMetadata", "safetySettings", "labels", "somethingNew", "model",
        "toolConfig.retrievalConfig", "generationConfig.responseLogprobs",
        "generationConfig.logprobs", "generationConfig.mediaResolution", "generationConfig.speechConfig",
        "generationConfig.thinkingConfig.somethingElse");
    assertThat(translation.value().presencePenalty()).contains(0.5);
    assertThat(translation.value().frequencyPenalty()).contains(0.0);
  }

  @Test
  void theUrlsModelAndStreamingDecide() {
    ChatRequest request = GeminiToCanonical.request(utf8("{\"model\":\"models/gemini-2.5-pro\","
        + "\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}"), "gemini-2.5-pro", true).value();
    assertThat(request.model()).isEqualTo("gemini-2.5-pro");
    assertThat(request.stream()).isTrue();
    assertThat(request.user()).isEmpty();
    assertThat(request.parallelToolCalls()).isEmpty();
  }

  @Test
  void emptyTextPartsCarryNothing() {
    assertThat(parse(withContents("[" + user("[{\"text\":\"\"},{\"text\":\"a\"}]") + "]")).items())
        .containsExactly(new Item.Message(Role.USER, List.of(ContentPart.text("a"))));
  }
}
