package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.openai.CanonicalToOpenAiChatRequest.Options;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.JsonBytes;
import dev.switchyard.testing.OpenAiSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalToOpenAiChatRequestTest {
  private static final Optional<String> NONE = Optional.empty();
  private static final Options WITH_REASONING = new Options(false, true);

  static Stream<ChatFixtures.Exchange> requests() {
    return ChatFixtures.exchanges().filter(e -> e.exchange().requestBody().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void everyRecordedRequestComesBackEquivalent(ChatFixtures.Exchange recorded) {
    JsonNode original = recorded.exchange().request();
    Translation<ChatRequest> canonical = OpenAiChatToCanonical.translate(recorded.exchange().requestBytes());
    assertThat(canonical.dropped()).isEmpty();
    Translation<byte[]> back = CanonicalToOpenAiChatRequest.request(canonical.value(),
        original.path("model").asText(), Options.OPENAI);
    assertThat(back.dropped()).isEmpty();
    // The SDK's validation knows OpenAI's model names only (the recordings have others).
    OpenAiSpec.assertChatRequest(JsonBytes.renameModel(back.value(), original.path("model").asText(), "gpt-4o"));
    assertThat(OpenAiRequestNormalisation.normalise(read(back.value())))
        .isEqualTo(OpenAiRequestNormalisation.normalise(original));
  }

  @Test
  void aRichRequestComesBackEquivalentWithReasoningSignaturesIntact() {
    String body = """
        {"model":"o3","messages":[
          {"role":"system","content":"Be brief."},
          {"role":"developer","content":"Use tools."},
          {"role":"user","content":[{"type":"text","text":"What is in these?"},
            {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
            {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0x","filename":"r.pdf"}},
            {"type":"file","file":{"file_id":"file-1"}}]},
          {"role":"assistant","content":"Checking.","reasoning_content":"a",
           "thinking_blocks":[{"type":"thinking","thinking":"a","signature":"sig-a"},
                              {"type":"redacted_thinking","data":"enc-b"}],
           "tool_calls":[{"id":"call_1","type":"function","function":{"name":"look","arguments":"{\\"x\\":1}"}},
                         {"id":"call_2","type":"function","function":{"name":"look","arguments":"{\\"x\\":2}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"one"},
          {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"t"},{"type":"text","text":"wo"}]},
          {"role":"assistant","content":"Done.","reasoning_content":"plain"}],
         "tools":[{"type":"function","function":{"name":"look","description":"Looks.",
           "parameters":{"type":"object","properties":{"x":{"type":"integer"}}},"strict":false}}],
         "tool_choice":{"type":"function","function":{"name":"look"}},"parallel_tool_calls":true,
         "max_completion_tokens":512,"temperature":0.5,"top_p":0.95,"stop":["\\n\\n"],"seed":7,"n":3,
         "response_format":{"type":"json_schema","json_schema":{"name":"r","description":"d",
           "schema":{"type":"object"},"strict":true}},
         "reasoning_effort":"low","user":"u","stream":true,"stream_options":{"include_usage":true}}""";
    Translation<ChatRequest> canonical = OpenAiChatToCanonical.translate(body.getBytes(StandardCharsets.UTF_8));
    assertThat(canonical.dropped()).isEmpty();
    Translation<byte[]> back = CanonicalToOpenAiChatRequest.request(canonical.value(), "o3", WITH_REASONING);
    assertThat(back.dropped()).isEmpty();
    OpenAiSpec.assertChatRequest(back.value());
    assertThat(OpenAiRequestNormalisation.normalise(read(back.value())))
        .isEqualTo(OpenAiRequestNormalisation.normalise(read(body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void streamsAskForTheUsageChunk() {
    JsonNode body = write(request(List.of(user("hi"))).stream(true).build());
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
    assertThat(write(request(List.of(user("hi"))).build()).has("stream_options")).isFalse();
  }

  @Test
  void maxTokensGoInTheFieldTheProviderTakes() {
    ChatRequest request = request(List.of(user("hi"))).maxTokens(100).build();
    assertThat(write(request).path("max_completion_tokens").asInt()).isEqualTo(100);
    JsonNode legacy = read(CanonicalToOpenAiChatRequest.request(request, "gpt-4o", new Options(true, false)).value());
    assertThat(legacy.path("max_tokens").asInt()).isEqualTo(100);
    assertThat(legacy.has("max_completion_tokens")).isFalse();
  }

  @ParameterizedTest(name = "budget {0} -> {1}")
  @CsvSource({"0, minimal", "1024, low", "2048, low", "4096, low", "4097, medium", "8192, medium",
      "16384, medium", "16385, high", "32000, high", "128000, high"})
  void aThinkingBudgetBecomesTheNearestEffort(int budget, String effort) {
    ChatRequest request = request(List.of(user("hi")))
        .reasoning(new ReasoningConfig(Optional.empty(), Optional.of(budget))).build();
    assertThat(write(request).path("reasoning_effort").asText()).isEqualTo(effort);
  }

  @Test
  void aBudgetLeftToTheModelAsksForNoEffort() {
    ChatRequest request = request(List.of(user("hi")))
        .reasoning(new ReasoningConfig(Optional.empty(), Optional.of(-1))).build();
    assertThat(write(request).has("reasoning_effort")).isFalse();
  }

  @Test
  void anEffortGivenWinsOverABudget() {
    ChatRequest request = request(List.of(user("hi")))
        .reasoning(new ReasoningConfig(Optional.of("high"), Optional.of(1024))).build();
    assertThat(write(request).path("reasoning_effort").asText()).isEqualTo("high");
  }

  @Test
  void systemMessagesKeepTheirPlaceInTheConversation() {
    ChatRequest request = request(List.of(new Item.Message(Role.SYSTEM, List.of(ContentPart.text("top"))),
        user("Say hello"), new Item.Message(Role.SYSTEM, List.of(ContentPart.text("# Environment"))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Hello"))), user("Again"))).build();
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request, "gpt-4o", Options.OPENAI);
    OpenAiSpec.assertChatRequest(t.value());
    assertThat(t.dropped()).isEmpty();
    List<String> roles = read(t.value()).path("messages").findValuesAsText("role");
    assertThat(roles).containsExactly("system", "user", "system", "assistant", "user");
    assertThat(read(t.value()).at("/messages/2/content").asText()).isEqualTo("# Environment");
  }

  @Test
  void topKHasNoOpenAiFieldAndIsReported() {
    ChatRequest request = request(List.of(user("hi"))).topK(40).build();
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request, "gpt-4o", Options.OPENAI);
    assertThat(t.dropped()).containsExactly("top_k");
    assertThat(read(t.value()).has("top_k")).isFalse();
  }

  @Test
  void penaltiesAreWritten() {
    ChatRequest base = request(List.of(user("hi"))).build();
    ChatRequest request = new ChatRequest(base.model(), base.items(), base.tools(), base.toolChoice(),
        base.parallelToolCalls(), base.maxOutputTokens(), base.temperature(), base.topP(), base.topK(),
        Optional.of(0.5), Optional.of(-1.0), List.of(), base.seed(), 1, base.responseFormat(), base.reasoning(),
        base.user(), false);
    JsonNode body = read(CanonicalToOpenAiChatRequest.request(request, "gpt-4o", Options.OPENAI).value());
    assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.5);
    assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(-1.0);
  }

  @Test
  void stopSequencesBeyondOpenAisFourAreReported() {
    ChatRequest base = request(List.of(user("hi"))).build();
    ChatRequest request = new ChatRequest(base.model(), base.items(), base.tools(), base.toolChoice(),
        base.parallelToolCalls(), base.maxOutputTokens(), base.temperature(), base.topP(), base.topK(),
        Optional.empty(), Optional.empty(),
        List.of("a", "b", "c", "d", "e"), base.seed(), 1, base.responseFormat(), base.reasoning(), base.user(),
        false);
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request, "gpt-4o", Options.OPENAI);
    assertThat(t.dropped()).containsExactly("stop_sequences[4..] (OpenAI takes at most 4)");
    assertThat(read(t.value()).path("stop").toString()).isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
  }

  @Test
  void toolChoiceAndParallelCallsGoOnlyWithTools() {
    ChatRequest request = request(List.of(user("hi"))).toolChoice(ToolChoice.NONE).parallel(false).build();
    JsonNode body = write(request);
    assertThat(body.has("tool_choice")).isFalse();
    assertThat(body.has("parallel_tool_calls")).isFalse();
    assertThat(body.has("tools")).isFalse();
  }

  @Test
  void anAnthropicTurnOfTextToolCallsAndMoreTextIsOneAssistantMessageBeforeItsResults() {
    List<Item> items = List.of(user("go"),
        new Item.Reasoning("plan", Optional.of("sig"), NONE),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("First, "))),
        new Item.ToolCall("toolu_1", "a", "{}"),
        new Item.ToolCall("toolu_2", "b", ""),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("then."))),
        new Item.ToolResult("toolu_1", List.of(ContentPart.text("A")), false),
        new Item.ToolResult("toolu_2", List.of(ContentPart.text("B")), false));
    JsonNode messages = write(request(items).build()).path("messages");
    assertThat(messages).hasSize(4);
    JsonNode assistant = messages.get(1);
    assertThat(assistant.path("content").toString())
        .isEqualTo("[{\"type\":\"text\",\"text\":\"First, \"},{\"type\":\"text\",\"text\":\"then.\"}]");
    assertThat(assistant.path("tool_calls")).extracting(c -> c.path("id").asText())
        .containsExactly("toolu_1", "toolu_2");
    assertThat(assistant.path("tool_calls").get(1).path("function").path("arguments").asText()).isEqualTo("{}");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("toolu_2");
  }

  @Test
  void reasoningIsNotSentToProvidersThatTakeNoneAndIsReported() {
    List<Item> items = List.of(user("go"), new Item.Reasoning("plan", Optional.of("sig"), NONE),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("ok"))));
    Translation<byte[]> openAi = CanonicalToOpenAiChatRequest.request(request(items).build(), "gpt-4o", Options.OPENAI);
    assertThat(openAi.dropped()).containsExactly("items[1] (reasoning: this provider takes none back)");
    assertThat(read(openAi.value()).path("messages").get(1).toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"ok\"}");
    JsonNode withReasoning = read(CanonicalToOpenAiChatRequest.request(request(items).build(), "gpt-4o", WITH_REASONING)
        .value()).path("messages").get(1);
    assertThat(withReasoning.path("reasoning_content").asText()).isEqualTo("plan");
    assertThat(withReasoning.path("thinking_blocks").toString())
        .isEqualTo("[{\"type\":\"thinking\",\"thinking\":\"plan\",\"signature\":\"sig\"}]");
  }

  @Test
  void mediaOfToolResultsFollowsThemInAUserMessage() {
    ContentPart image = new ContentPart.Image(new MediaSource.Base64("image/png", "iVBO"), NONE);
    List<Item> items = List.of(user("screenshot both"),
        new Item.ToolCall("c1", "shot", "{}"), new Item.ToolCall("c2", "shot", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("first"), image), false),
        new Item.ToolResult("c2", List.of(image), false),
        user("thanks"));
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request(items).build(), "gpt-4o", Options.OPENAI);
    assertThat(t.dropped()).isEmpty();
    OpenAiSpec.assertChatRequest(t.value());
    JsonNode messages = read(t.value()).path("messages");
    assertThat(messages).extracting(m -> m.path("role").asText())
        .containsExactly("user", "assistant", "tool", "tool", "user", "user");
    assertThat(messages.get(2).path("content").asText()).isEqualTo("first");
    assertThat(messages.get(3).path("content").asText()).isEmpty();
    assertThat(messages.get(4).path("content")).hasSize(2)
        .allSatisfy(part -> assertThat(part.path("image_url").path("url").asText())
            .isEqualTo("data:image/png;base64,iVBO"));
  }

  @Test
  void whatOpenAiHasNoPlaceForIsReported() {
    List<Item> items = List.of(
        new Item.Message(Role.USER, List.of(
            new ContentPart.Image(new MediaSource.FileId("file-img"), NONE),
            new ContentPart.Document(new MediaSource.Url("https://example.com/a.pdf"), NONE),
            ContentPart.text("read these"))),
        new Item.ToolCall("c1", "f", "{}"),
        new Item.ToolResult("c1", List.of(ContentPart.text("boom")), true),
        new Item.Message(Role.ASSISTANT, List.of(
            new ContentPart.Image(new MediaSource.Url("https://example.com/drawn.png"), NONE))));
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request(items).build(), "gpt-4o", Options.OPENAI);
    assertThat(t.dropped()).hasSize(4)
        .anySatisfy(d -> assertThat(d).startsWith("items[0].content[0] (image"))
        .anySatisfy(d -> assertThat(d).startsWith("items[0].content[1] (document"))
        .contains("items[2].is_error")
        .anySatisfy(d -> assertThat(d).startsWith("items[3].content[0] (image in an assistant message"));
    OpenAiSpec.assertChatRequest(t.value());
    assertThat(read(t.value()).path("messages").get(0).path("content").asText()).isEqualTo("read these");
  }

  private static Item user(String text) {
    return new Item.Message(Role.USER, List.of(ContentPart.text(text)));
  }

  private static JsonNode write(ChatRequest request) {
    Translation<byte[]> t = CanonicalToOpenAiChatRequest.request(request, "gpt-4o", Options.OPENAI);
    OpenAiSpec.assertChatRequest(t.value());
    return read(t.value());
  }

  static JsonNode read(byte[] json) {
    try {
      return Fixtures.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Builder request(List<Item> items) {
    return new Builder(items);
  }

  /** Canonical requests with defaults, for tests that set a field or two. */
  static final class Builder {
    private final List<Item> items;
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private Optional<Boolean> parallel = Optional.empty();
    private Optional<Integer> maxTokens = Optional.empty();
    private Optional<Integer> topK = Optional.empty();
    private Optional<ReasoningConfig> reasoning = Optional.empty();
    private boolean stream;

    Builder(List<Item> items) {
      this.items = items;
    }

    Builder toolChoice(ToolChoice choice) {
      this.toolChoice = choice;
      return this;
    }

    Builder parallel(boolean value) {
      this.parallel = Optional.of(value);
      return this;
    }

    Builder maxTokens(int value) {
      this.maxTokens = Optional.of(value);
      return this;
    }

    Builder topK(int value) {
      this.topK = Optional.of(value);
      return this;
    }

    Builder reasoning(ReasoningConfig value) {
      this.reasoning = Optional.of(value);
      return this;
    }

    Builder stream(boolean value) {
      this.stream = value;
      return this;
    }

    ChatRequest build() {
      return new ChatRequest("client-model", items, List.of(), toolChoice, parallel, maxTokens, Optional.empty(),
          Optional.empty(), topK, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 1,
          Optional.empty(), reasoning, Optional.empty(), stream);
    }
  }
}
