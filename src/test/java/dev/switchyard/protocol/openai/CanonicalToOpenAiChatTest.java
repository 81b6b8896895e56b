package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.testing.OpenAiSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalToOpenAiChatTest {
  private static final Optional<String> NONE = Optional.empty();
  private static final long CREATED = 1_760_000_000L;

  static java.util.stream.Stream<ChatFixtures.Exchange> completions() {
    return ChatFixtures.completions();
  }

  /** The response, checked against the spec and read with the SDK's own type. */
  private static ChatCompletion render(ChatResponse response) {
    Translation<byte[]> t = CanonicalToOpenAiChat.response(response, "claude-sonnet-4-6", CREATED);
    OpenAiSpec.assertValid("CreateChatCompletionResponse", t.value());
    return OpenAiSpec.readAs(t.value(), ChatCompletion.class).validate();
  }

  private static ChatResponse answer(List<Item> items, FinishReason reason, Optional<Usage> usage) {
    return new ChatResponse("msg_01", "claude-sonnet-4-6-20260101",
        List.of(new ChatResponse.Candidate(0, items, reason, NONE)), usage);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("completions")
  void everyRecordedCompletionSurvivesCanonicalForTheSdk(ChatFixtures.Exchange recorded) {
    byte[] body = recorded.exchange().response().body();
    Translation<ChatResponse> canonical = OpenAiChatResponseToCanonical.translate(body);
    assertThat(canonical.dropped()).isEmpty();
    ChatCompletion original = OpenAiSpec.readAs(body, ChatCompletion.class).validate();
    ChatCompletion rendered = render(canonical.value());
    assertThat(rendered.id()).isEqualTo(original.id());
    assertThat(rendered.model()).isEqualTo("claude-sonnet-4-6");
    assertThat(rendered.created()).isEqualTo(CREATED);
    assertThat(rendered.choices()).hasSameSizeAs(original.choices());
    for (int i = 0; i < original.choices().size(); i++) {
      ChatCompletion.Choice want = original.choices().get(i);
      ChatCompletion.Choice got = rendered.choices().get(i);
      assertThat(got.finishReason()).isEqualTo(want.finishReason());
      assertThat(got.message().content()).isEqualTo(want.message().content());
      assertThat(calls(got.message())).isEqualTo(calls(want.message()));
    }
    assertThat(usage(rendered.usage().orElseThrow())).isEqualTo(usage(original.usage().orElseThrow()));
  }

  @Test
  void reasoningGoesBesideTheContentWithItsSignaturesAndComesBackFromTheNextRequest() {
    List<Item> items = List.of(
        new Item.Reasoning("Let me think. ", Optional.of("sig-1"), NONE),
        new Item.Reasoning("", NONE, Optional.of("redacted-2")),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Calling."))),
        new Item.ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"));
    Translation<byte[]> t = CanonicalToOpenAiChat.response(answer(items, FinishReason.TOOL_CALLS, Optional.empty()),
        "claude-sonnet-4-6", CREATED);
    OpenAiSpec.assertValid("CreateChatCompletionResponse", t.value());
    JsonNode message = CanonicalToOpenAiChatRequestTest.read(t.value()).path("choices").get(0).path("message");
    assertThat(message.path("content").asText()).isEqualTo("Calling.");
    assertThat(message.path("reasoning_content").asText()).isEqualTo("Let me think. ");
    assertThat(message.path("thinking_blocks").toString()).isEqualTo(
        "[{\"type\":\"thinking\",\"thinking\":\"Let me think. \",\"signature\":\"sig-1\"},"
            + "{\"type\":\"redacted_thinking\",\"data\":\"redacted-2\"}]");
    // A client sends the message back unchanged on its next turn: every item comes back.
    String next = "{\"model\":\"claude-sonnet-4-6\",\"messages\":[" + message + "]}";
    Translation<ChatRequest> back = OpenAiChatToCanonical.translate(next.getBytes(StandardCharsets.UTF_8));
    assertThat(back.dropped()).isEmpty();
    assertThat(back.value().items()).isEqualTo(items);
  }

  @Test
  void toolCallsWithoutTextHaveNullContentAndEmptyArgumentsAreAnEmptyObject() {
    ChatCompletion completion = render(answer(List.of(
        new Item.ToolCall("toolu_1", "now", ""),
        new Item.ToolCall("toolu_2", "weather", "{\"city\":\"Oslo\"}")), FinishReason.TOOL_CALLS, Optional.empty()));
    ChatCompletionMessage message = completion.choices().get(0).message();
    assertThat(message.content()).isEmpty();
    assertThat(calls(message)).containsExactly("toolu_1 now {}", "toolu_2 weather {\"city\":\"Oslo\"}");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(completion.usage()).isEmpty();
  }

  @Test
  void textBlocksAreJoinedIntoOneContent() {
    ChatCompletion completion = render(answer(List.of(
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Hello "))),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("world")))), FinishReason.STOP, Optional.empty()));
    assertThat(completion.choices().get(0).message().content()).contains("Hello world");
    assertThat(completion.choices().get(0).message().refusal()).isEmpty();
  }

  @Test
  void usageCountsAllInputAsPromptTokensWithCachedAndReasoningDetails() {
    ChatCompletion completion = render(answer(List.of(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("x")))),
        FinishReason.STOP, Optional.of(new Usage(2048, 1920, 64, 120, 100))));
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(2048);
    assertThat(usage.completionTokens()).isEqualTo(120);
    assertThat(usage.totalTokens()).isEqualTo(2168);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(1920L);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(100L);
    assertThat(usage.promptTokensDetails().orElseThrow()._additionalProperties().get("cache_write_tokens"))
        .hasToString("64");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"STOP, STOP", "STOP_SEQUENCE, STOP", "LENGTH, LENGTH", "TOOL_CALLS, TOOL_CALLS",
      "CONTENT_FILTER, CONTENT_FILTER", "PAUSE, STOP"})
  void finishReasonsComeFromTheOneMapping(FinishReason reason, String openAi) {
    ChatCompletion completion = render(answer(List.of(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("x")))),
        reason, Optional.empty()));
    assertThat(completion.choices().get(0).finishReason().value().name()).isEqualTo(openAi);
  }

  @Test
  void idGetsTheChatCompletionPrefixOnce() {
    assertThat(render(answer(List.of(), FinishReason.STOP, Optional.empty())).id()).isEqualTo("chatcmpl-msg_01");
    ChatResponse openAi = new ChatResponse("chatcmpl-abc", "m", List.of(), Optional.empty());
    assertThat(render(openAi).id()).isEqualTo("chatcmpl-abc");
  }

  @Test
  void everyCandidateIsAChoice() {
    ChatResponse response = new ChatResponse("r", "m", List.of(
        new ChatResponse.Candidate(0, List.of(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("a")))),
            FinishReason.STOP, NONE),
        new ChatResponse.Candidate(1, List.of(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("b")))),
            FinishReason.LENGTH, NONE)), Optional.empty());
    ChatCompletion completion = render(response);
    assertThat(completion.choices()).extracting(c -> c.index() + ":" + c.message().content().orElseThrow())
        .containsExactly("0:a", "1:b");
  }

  @Test
  void mediaTheModelProducedHasNoPlaceAndIsReported() {
    ContentPart image = new ContentPart.Image(new MediaSource.Base64("image/png", "iVBO"), NONE);
    Translation<byte[]> t = CanonicalToOpenAiChat.response(answer(
        List.of(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Here:"), image))), FinishReason.STOP,
        Optional.empty()), "m", CREATED);
    assertThat(t.dropped()).containsExactly("choices[0].message.content (image)");
    assertThat(OpenAiSpec.readAs(t.value(), ChatCompletion.class).choices().get(0).message().content())
        .contains("Here:");
  }

  @Test
  void anUpstreamRefusalAndAnnotationsReadAsTextAndDropped() {
    String body = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,
          "message":{"role":"assistant","content":null,"refusal":"I can't.","annotations":[{"type":"url_citation",
            "url_citation":{"start_index":0,"end_index":1,"url":"https://example.com","title":"t"}}]},
          "logprobs":{"content":[],"refusal":[]},"finish_reason":"stop"}]}""";
    Translation<ChatResponse> t = OpenAiChatResponseToCanonical.translate(body.getBytes(StandardCharsets.UTF_8));
    assertThat(t.dropped()).containsExactly("choices[0].logprobs", "choices[0].message.annotations");
    assertThat(t.value().candidates().get(0).items())
        .containsExactly(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("I can't."))));
    assertThat(t.value().usage()).isEmpty();
  }

  private static List<String> calls(ChatCompletionMessage message) {
    return message.toolCalls().orElse(List.of()).stream()
        .map(ChatCompletionMessageToolCall::asFunction)
        .map(c -> c.id() + " " + c.function().name() + " " + c.function().arguments())
        .toList();
  }

  private static String usage(CompletionUsage usage) {
    return usage.promptTokens() + "/" + usage.completionTokens() + "/" + usage.totalTokens() + "/"
        + usage.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L) + "/"
        + usage.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
  }
}
