package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.fixture;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.sdkRequest;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Anthropic requests to canonical, for the native endpoint when the model lives elsewhere. */
class AnthropicToCanonicalRequestTest {
  private static ChatRequest parse(String body) {
    return AnthropicToCanonical.request(utf8(body));
  }

  private static GatewayException rejection(String body) {
    Throwable thrown = catchThrowable(() -> parse(body));
    assertThat(thrown).isInstanceOf(GatewayException.class);
    assertThat(((GatewayException) thrown).status()).isEqualTo(400);
    return (GatewayException) thrown;
  }

  private static String withMessages(String messages) {
    return "{\"model\":\"m\",\"max_tokens\":100,\"messages\":" + messages + "}";
  }

  static Stream<Arguments> recordedRequests() {
    return Stream.of(
        Arguments.of("messages-text", 0), Arguments.of("messages-cache-usage", 0),
        Arguments.of("messages-error-404-not-found", 0), Arguments.of("messages-text-stream", 0),
        Arguments.of("messages-structured-output-stream", 0),
        Arguments.of("messages-thinking-tool-use", 0), Arguments.of("messages-thinking-tool-use", 1),
        Arguments.of("messages-thinking-tool-use-stream", 0), Arguments.of("messages-thinking-tool-use-stream", 1),
        Arguments.of("messages-tool-use-parallel", 0), Arguments.of("messages-tool-use-parallel", 1),
        Arguments.of("messages-tool-use-parallel-stream", 0), Arguments.of("messages-tool-use-parallel-stream", 1));
  }

  /**
   * Every recorded request, through canonical and back, is the request it was, but for the
   * documented losses and equivalent spellings the normalization below lists.
   */
  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedRequests")
  void recordedRequestsSurviveARoundTripThroughCanonical(String name, int exchange) {
    JsonNode recorded = fixture(name).exchange(exchange).request();
    ChatRequest canonical = AnthropicToCanonical.request(JsonTrees.bytes(recorded));
    assertThat(canonical.model()).isEqualTo(recorded.path("model").asText());
    byte[] again = CanonicalToAnthropic.request(canonical, canonical.model());
    sdkRequest(again);
    assertThat(normalize(json(again))).isEqualTo(normalize(recorded.deepCopy()));
  }

  /** Equivalent spellings made one, and what the translation documents as dropped removed. */
  private static JsonNode normalize(JsonNode body) {
    ObjectNode root = (ObjectNode) body;
    if (!root.path("stream").asBoolean(false)) {
      root.remove("stream");
    }
    root.remove("cache_control"); // prompt-cache hints: dropped
    if (root.path("thinking").isObject()) {
      ((ObjectNode) root.get("thinking")).remove("display"); // "summarized", the default, is not sent again
    }
    if (root.path("system").isTextual()) {
      root.set("system", blocks(root.path("system").asText()));
    }
    if (root.has("tools") && !root.has("tool_choice")) {
      root.putObject("tool_choice").put("type", "auto");
    }
    for (JsonNode message : root.path("messages")) {
      if (message.path("content").isTextual()) {
        ((ObjectNode) message).set("content", blocks(message.path("content").asText()));
      }
      for (JsonNode block : message.path("content")) {
        if (block.path("is_error").isBoolean() && !block.path("is_error").asBoolean()) {
          ((ObjectNode) block).remove("is_error");
        }
      }
    }
    return root;
  }

  private static ArrayNode blocks(String text) {
    ArrayNode blocks = JsonTrees.MAPPER.createArrayNode();
    blocks.addObject().put("type", "text").put("text", text);
    return blocks;
  }

  @Test
  void recordedThinkingRequestKeepsTheSignatureAndToolResult() {
    ChatRequest request = AnthropicToCanonical.request(
        JsonTrees.bytes(fixture("messages-thinking-tool-use-stream").exchange(1).request()));
    assertThat(request.items()).hasSize(4);
    assertThat(request.items().get(1)).isInstanceOfSatisfying(Item.Reasoning.class, r -> {
      assertThat(r.text()).startsWith("The user wants me to:");
      assertThat(r.signature().orElseThrow()).startsWith("EoQDCm0IDhgCKkCDzGs2kL2P");
    });
    assertThat(request.items().get(2)).isEqualTo(
        new Item.ToolCall("toolu_01825dXWLSoJwCst1qTsiWdb", "fixed_version", "{}"));
    assertThat(request.items().get(3)).isEqualTo(new Item.ToolResult("toolu_01825dXWLSoJwCst1qTsiWdb",
        List.of(ContentPart.text("0.32a0")), false));
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.empty(), Optional.of(1024)));
    assertThat(request.maxOutputTokens()).contains(64000);
    assertThat(request.temperature()).contains(1.0);
    assertThat(request.stream()).isTrue();
  }

  @Test
  void recordedStructuredOutputBecomesAJsonSchema() {
    JsonNode recorded = fixture("messages-structured-output-stream").first().request();
    ChatRequest request = AnthropicToCanonical.request(JsonTrees.bytes(recorded));
    assertThat(request.responseFormat()).contains(new ResponseFormat.JsonSchema("response", Optional.empty(),
        recorded.path("output_config").path("format").path("schema"), true));
  }

  @Test
  void recordedEffortBecomesAReasoningEffort() {
    ChatRequest request = AnthropicToCanonical.request(
        JsonTrees.bytes(fixture("messages-error-400-invalid-request").first().request()));
    assertThat(request.reasoning()).contains(new ReasoningConfig(Optional.of("xhigh"), Optional.empty()));
  }

  @Test
  void systemMayBeAStringOrTextBlocks() {
    ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"text\",\"text\":\"a\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"b\"}],\"messages\":[]}");
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("a"), ContentPart.text("b"))));
    assertThat(rejection("{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"image\"}],\"messages\":[]}"))
        .hasMessageContaining("'image'");
  }

  @Test
  void userBlocksBecomeMessagesMediaAndToolResultsInOrder() {
    ChatRequest request = parse(withMessages("""
        [{"role":"user","content":"Hi"},
         {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"q":1}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"r"},
             {"type":"image","source":{"type":"url","url":"https://x/y.png"}}],"is_error":true},
           {"type":"text","text":"Look:"},
           {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}},
           {"type":"image","source":{"type":"file","file_id":"file_1"}},
           {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"},
            "title":"a.pdf","citations":{"enabled":true}},
           {"type":"document","source":{"type":"url","url":"https://x/a.pdf"}},
           {"type":"document","source":{"type":"text","media_type":"text/plain","data":"héllo"}}]}]"""));
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.USER, List.of(ContentPart.text("Hi"))),
        new Item.ToolCall("t1", "f", "{\"q\":1}"),
        new Item.ToolResult("t1", List.of(ContentPart.text("r"),
            new ContentPart.Image(new MediaSource.Url("https://x/y.png"), Optional.empty())), true),
        new Item.Message(Role.USER, List.of(ContentPart.text("Look:"),
            new ContentPart.Image(new MediaSource.Base64("image/png", "iVBO"), Optional.empty()),
            new ContentPart.Image(new MediaSource.FileId("file_1"), Optional.empty()),
            new ContentPart.Document(new MediaSource.Base64("application/pdf", "JVBE"), Optional.of("a.pdf")),
            new ContentPart.Document(new MediaSource.Url("https://x/a.pdf"), Optional.empty()),
            new ContentPart.Document(new MediaSource.Base64("text/plain", "aMOpbGxv"), Optional.empty()))));
  }

  @Test
  void assistantBlocksBecomeReasoningTextAndToolCalls() {
    ChatRequest request = parse(withMessages("""
        [{"role":"user","content":"Hi"},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"hmm","signature":"sig"},
           {"type":"redacted_thinking","data":"enc"},
           {"type":"text","text":"a"},{"type":"text","text":"b"},
           {"type":"tool_use","id":"t1","name":"f","input":{"x":[1,2],"y":"z"}}]}]"""));
    assertThat(request.items().subList(1, 5)).containsExactly(
        new Item.Reasoning("hmm", Optional.of("sig"), Optional.empty()),
        new Item.Reasoning("", Optional.empty(), Optional.of("enc")),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("a"), ContentPart.text("b"))),
        new Item.ToolCall("t1", "f", "{\"x\":[1,2],\"y\":\"z\"}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"auto\"}                                    | AUTO     |",
      "{\"type\":\"any\"}                                     | REQUIRED |",
      "{\"type\":\"none\"}                                    | NONE     |",
      "{\"type\":\"tool\",\"name\":\"f\"}                     | f        |",
      "{\"type\":\"auto\",\"disable_parallel_tool_use\":true} | AUTO     | false",
      "{\"type\":\"any\",\"disable_parallel_tool_use\":false} | REQUIRED |"})
  void toolChoicesBecomeCanonicalOnes(String wire, String choice, Boolean parallel) {
    ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"name\":\"f\","
        + "\"description\":\"d\",\"input_schema\":{\"type\":\"object\"},\"strict\":true}],\"tool_choice\":" + wire + "}");
    ToolChoice expected = switch (choice) {
      case "AUTO" -> ToolChoice.AUTO;
      case "REQUIRED" -> ToolChoice.REQUIRED;
      case "NONE" -> ToolChoice.NONE;
      default -> new ToolChoice.Named(choice);
    };
    assertThat(request.toolChoice()).isEqualTo(expected);
    assertThat(request.parallelToolCalls()).isEqualTo(Optional.ofNullable(parallel));
    assertThat(request.tools()).singleElement().satisfies(tool -> {
      assertThat(tool.name()).isEqualTo("f");
      assertThat(tool.description()).contains("d");
      assertThat(tool.parameters()).isEqualTo(json("{\"type\":\"object\"}"));
      assertThat(tool.strict()).contains(true);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000}                          |        | 2000",
      "\"thinking\":{\"type\":\"adaptive\"}                                                 |        | -1",
      "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}        | high   |",
      "\"thinking\":{\"type\":\"disabled\"},\"output_config\":{\"effort\":\"low\"}         | low    |"})
  void thinkingAndEffortBecomeAReasoningConfig(String fields, String effort, Integer budget) {
    ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":5000,\"messages\":[]," + fields + "}");
    assertThat(request.reasoning()).contains(
        new ReasoningConfig(Optional.ofNullable(effort), Optional.ofNullable(budget)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"adaptive\",\"display\":\"omitted\"}                         | true",
      "{\"type\":\"enabled\",\"budget_tokens\":2048,\"display\":\"omitted\"} | true",
      "{\"type\":\"adaptive\",\"display\":\"summarized\"}                      | false",
      "{\"type\":\"adaptive\"}                                                 | false"})
  void thinkingDisplayedAsOmittedAsksForNoReasoningText(String thinking, boolean omitted) {
    ChatRequest request = parse("{\"model\":\"m\",\"max_tokens\":5000,\"messages\":[],\"thinking\":" + thinking
        + "}");
    assertThat(request.reasoning().orElseThrow().omitText()).isEqualTo(omitted);
  }

  @Test
  void systemMessagesInsideMessagesStayAtTheirPlace() {
    ChatRequest request = parse("""
        {"model":"m","max_tokens":5,"system":"top","messages":[
          {"role":"user","content":"Say hello"},
          {"role":"system","content":[{"type":"text","text":"# Environment","cache_control":{"type":"ephemeral"}}]},
          {"role":"assistant","content":"Hello"},
          {"role":"user","content":"Again"},
          {"role":"system","content":"Be brief."}]}""");
    assertThat(request.items()).containsExactly(
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("top"))),
        new Item.Message(Role.USER, List.of(ContentPart.text("Say hello"))),
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("# Environment"))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Hello"))),
        new Item.Message(Role.USER, List.of(ContentPart.text("Again"))),
        new Item.Message(Role.SYSTEM, List.of(ContentPart.text("Be brief."))));
  }

  @Test
  void aSystemMessageHoldsTextOnly() {
    assertThat(rejection(withMessages("[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"system\",\"content\":"
        + "[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.png\"}}]}]")))
        .hasMessageContaining("'image' in a system message");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"thinking\":{\"type\":7}                                   | 'thinking.type'",
      "\"thinking\":{\"type\":\"adaptive\",\"display\":false}      | 'thinking.display'",
      "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"lots\"} | 'budget_tokens'",
      "\"output_config\":{\"effort\":3}                             | 'output_config.effort'"})
  void thinkingAndEffortOfTheWrongTypeAreA400NamingThem(String fields, String named) {
    assertThat(rejection("{\"model\":\"m\",\"max_tokens\":5000,\"messages\":[]," + fields + "}"))
        .hasMessageContaining(named.strip());
  }

  @Test
  void samplingStopsMetadataAndTheBetaOutputFormatAreRead() {
    ChatRequest request = parse("""
        {"model":"claude-x","max_tokens":77,"messages":[],"temperature":0.5,"top_p":0.8,"top_k":9,
         "stop_sequences":["A","B"],"metadata":{"user_id":"u-1"},"stream":true,"service_tier":"auto",
         "output_format":{"type":"json_schema","schema":{"type":"object"}},"thinking":{"type":"disabled"}}""");
    assertThat(request.maxOutputTokens()).contains(77);
    assertThat(request.temperature()).contains(0.5);
    assertThat(request.topP()).contains(0.8);
    assertThat(request.topK()).contains(9);
    assertThat(request.stopSequences()).containsExactly("A", "B");
    assertThat(request.user()).contains("u-1");
    assertThat(request.stream()).isTrue();
    assertThat(request.reasoning()).isEmpty();
    assertThat(request.candidates()).isEqualTo(1);
    assertThat(request.responseFormat()).contains(
        new ResponseFormat.JsonSchema("response", Optional.empty(), json("{\"type\":\"object\"}"), true));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{\"role\":\"user\",\"content\":[{\"type\":\"search_result\",\"source\":\"s\"}]}]          | 'search_result'",
      "[{\"role\":\"assistant\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\"}]}]       | 'server_tool_use'",
      "[{\"role\":\"assistant\",\"content\":[{\"type\":\"image\",\"source\":{}}]}]                  | 'image'",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{\"type\":\"tool_reference\"}]}]}] | 'tool_reference' inside a tool_result",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"magic\"}}]}]    | 'magic'",
      "[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"content\"}}]}] | 'content'",
      "[{\"role\":\"robot\",\"content\":\"x\"}]                                                    | 'robot'",
      "[{\"role\":\"user\",\"content\":7}]                                                          | string or an array"})
  void unknownBlocksRolesAndSourcesAreA400NamingThem(String messages, String named) {
    assertThat(rejection(withMessages(messages))).hasMessageContaining(named.strip());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"max_tokens\":5,\"messages\":[]}                                                     | 'model'",
      "{\"model\":\"m\",\"messages\":[]}                                                      | 'max_tokens'",
      "{\"model\":\"m\",\"max_tokens\":5.5,\"messages\":[]}                                   | 'max_tokens'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":{}}                                     | 'messages'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"temperature\":\"hot\"}             | 'temperature'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"mcp_servers\":[]}                  | 'mcp_servers'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"container\":\"c\"}                 | 'container'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"w\"}]} | 'web_search_20250305'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tool_choice\":{\"type\":\"maybe\"}} | 'maybe'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":\"deep\"}}   | 'deep'",
      "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"output_config\":{\"format\":{\"type\":\"xml\"}}} | 'xml'",
      "[1]                                                                                    | JSON object",
      "{\"model\":                                                                            | not valid JSON"})
  void badRequestsAreA400NamingTheParameter(String body, String named) {
    assertThat(rejection(body)).hasMessageContaining(named.strip());
  }
}
