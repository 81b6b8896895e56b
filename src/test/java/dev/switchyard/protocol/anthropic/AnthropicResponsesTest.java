package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.fixture;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.sdkMessage;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Anthropic answers to canonical ({@link AnthropicToCanonical#response}) and back ({@link CanonicalToAnthropic#response}). */
class AnthropicResponsesTest {
  /** Each item in short: "text:...", "reasoning:<text length>:<signature prefix>", "tool:name:args". */
  private static List<String> describe(List<Item> items) {
    List<String> out = new ArrayList<>();
    for (Item item : items) {
      switch (item) {
        case Item.Message m -> m.content().forEach(p -> out.add("text:" + ((ContentPart.Text) p).text()));
        case Item.Reasoning r -> out.add("reasoning:" + r.text().length() + ":"
            + r.signature().map(s -> s.substring(0, 8)).orElse("-"));
        case Item.ToolCall c -> out.add("tool:" + c.id() + ":" + c.name() + ":" + c.arguments());
        case Item.ToolResult r -> out.add("result");
      }
    }
    return out;
  }

  static Stream<Arguments> recordedAnswers() {
    return Stream.of(
        Arguments.of("messages-text", 0, List.of("text:The capital of France is Paris."),
            new Usage(20, 0, 0, 10, 0), FinishReason.STOP),
        Arguments.of("messages-cache-usage", 0, List.of("text:Python is a beginner-friendly, versatile programming "
                + "language widely used for web development, data science, machine learning, automation, and "
                + "scientific computing."),
            new Usage(3 + 1111 + 418, 1111, 418, 33, 0), FinishReason.STOP),
        Arguments.of("messages-tool-use-parallel", 0, List.of(
                "text:I'll help you find out who is the youngest by retrieving information about each family "
                    + "member. I'll retrieve their entity information to compare their ages.",
                "tool:toolu_0167cfEnoQaPviGdVXA95zcu:retrieve_entity_info:{\"name\":\"Alice\"}",
                "tool:toolu_01EEe2V5HD1Ac4rKiUR4HD2T:retrieve_entity_info:{\"name\":\"Bob\"}",
                "tool:toolu_01XFyAjstT3966qvRynZyVPo:retrieve_entity_info:{\"name\":\"Charlie\"}",
                "tool:toolu_013mnQZbgtK2oe3Mo3XKJsx3:retrieve_entity_info:{\"name\":\"Daisy\"}"),
            new Usage(423, 0, 0, 202, 0), FinishReason.TOOL_CALLS),
        Arguments.of("messages-tool-use-parallel", 1, null, new Usage(771, 0, 0, 77, 0), FinishReason.STOP),
        Arguments.of("messages-thinking-tool-use", 0, List.of("reasoning:376:EqEECkYI",
                "text:I'll help you find the largest city in your country. First, let me determine which country "
                    + "you're from.",
                "tool:toolu_01YGzqpRE16Vricda3Aqcejo:get_user_country:{}"),
            new Usage(398, 0, 0, 155, 0), FinishReason.TOOL_CALLS),
        Arguments.of("messages-thinking-tool-use", 1, null, new Usage(566, 0, 0, 126, 0), FinishReason.STOP));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedAnswers")
  void recordedAnswersBecomeCanonicalItemsUsageAndFinish(String name, int exchange, List<String> items,
      Usage usage, FinishReason finish) {
    JsonNode recorded = fixture(name).exchange(exchange).responseJson();
    ChatResponse response = AnthropicToCanonical.response(JsonTrees.bytes(recorded));
    assertThat(response.id()).isEqualTo(recorded.path("id").asText());
    assertThat(response.model()).isEqualTo(recorded.path("model").asText());
    assertThat(response.candidates()).hasSize(1);
    ChatResponse.Candidate candidate = response.candidates().get(0);
    if (items != null) {
      assertThat(describe(candidate.items())).containsExactlyElementsOf(items);
    } else {
      assertThat(describe(candidate.items())).singleElement().asString()
          .isEqualTo("text:" + recorded.path("content").get(0).path("text").asText());
    }
    assertThat(response.usage()).contains(usage);
    assertThat(candidate.finishReason()).isEqualTo(finish);
    assertThat(candidate.stopSequence()).isEmpty();
  }

  @ParameterizedTest(name = "{0} #{1}")
  @MethodSource("recordedAnswers")
  void recordedAnswersSurviveARoundTripAsTheSdkReadsThem(String name, int exchange, List<String> items,
      Usage usage, FinishReason finish) {
    JsonNode recorded = fixture(name).exchange(exchange).responseJson();
    ChatResponse canonical = AnthropicToCanonical.response(JsonTrees.bytes(recorded));
    byte[] rendered = CanonicalToAnthropic.response(canonical, "client-name");
    Message sdk = sdkMessage(rendered);
    assertThat(sdk.model().asString()).isEqualTo("client-name");
    assertThat(sdk.id()).isEqualTo(recorded.path("id").asText());
    JsonNode again = json(rendered);
    assertThat(again.path("content")).isEqualTo(recorded.path("content"));
    assertThat(again.path("stop_reason")).isEqualTo(recorded.path("stop_reason"));
    assertThat(again.path("stop_sequence")).isEqualTo(recorded.path("stop_sequence"));
    for (String field : List.of("input_tokens", "output_tokens", "cache_read_input_tokens",
        "cache_creation_input_tokens")) {
      assertThat(again.path("usage").path(field)).as(field).isEqualTo(recorded.path("usage").path(field));
    }
  }

  @Test
  void redactedThinkingStopSequencesAndThinkingTokensAreRead() {
    ChatResponse response = AnthropicToCanonical.response(utf8("""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[
          {"type":"redacted_thinking","data":"EmwKAhgB"},{"type":"text","text":"Done"}],
         "stop_reason":"stop_sequence","stop_sequence":"END",
         "usage":{"input_tokens":5,"output_tokens":40,"output_tokens_details":{"thinking_tokens":30}}}"""));
    ChatResponse.Candidate candidate = response.candidates().get(0);
    assertThat(candidate.items()).containsExactly(
        new Item.Reasoning("", Optional.empty(), Optional.of("EmwKAhgB")),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Done"))));
    assertThat(candidate.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
    assertThat(candidate.stopSequence()).contains("END");
    assertThat(response.usage()).contains(new Usage(5, 0, 0, 40, 30));
  }

  @Test
  void anUnknownAnswerBlockIsA502NamingIt() {
    assertThatThrownBy(() -> AnthropicToCanonical.response(utf8("""
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[
          {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}],
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}""")))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502))
        .hasMessageContaining("'server_tool_use'");
    assertThatThrownBy(() -> AnthropicToCanonical.response(utf8("<html>")))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
  }

  @Test
  void canonicalAnswersRenderAsMessagesTheSdkReads() {
    ChatResponse response = new ChatResponse("chatcmpl-1", "gpt-x", List.of(new ChatResponse.Candidate(0, List.of(
        new Item.Reasoning("thinking about it", Optional.empty(), Optional.empty()),
        new Item.Reasoning("", Optional.empty(), Optional.of("enc")),
        new Item.Message(Role.ASSISTANT, List.of(ContentPart.text("Calling."))),
        new Item.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new Item.ToolCall("call_2", "now", "")), FinishReason.TOOL_CALLS, Optional.empty())),
        Optional.of(new Usage(100, 80, 0, 20, 5)));
    byte[] body = CanonicalToAnthropic.response(response, "claude-sonnet-4-5");
    Message sdk = sdkMessage(body);
    assertThat(sdk.content()).extracting(ContentBlock::isThinking, ContentBlock::isRedactedThinking,
            ContentBlock::isText, ContentBlock::isToolUse)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(true, false, false, false),
            org.assertj.core.groups.Tuple.tuple(false, true, false, false),
            org.assertj.core.groups.Tuple.tuple(false, false, true, false),
            org.assertj.core.groups.Tuple.tuple(false, false, false, true),
            org.assertj.core.groups.Tuple.tuple(false, false, false, true));
    assertThat(sdk.content().get(0).asThinking().thinking()).isEqualTo("thinking about it");
    assertThat(sdk.content().get(1).asRedactedThinking().data()).isEqualTo("enc");
    assertThat(sdk.content().get(3).asToolUse().id()).isEqualTo("call_1");
    assertThat(json(body).path("content").get(3).path("input")).isEqualTo(json("{\"city\":\"Paris\"}"));
    assertThat(json(body).path("content").get(4).path("input")).isEqualTo(json("{}"));
    assertThat(sdk.stopReason().orElseThrow().asString()).isEqualTo("tool_use");
    assertThat(sdk.usage().inputTokens()).as("uncached input only").isEqualTo(20);
    assertThat(sdk.usage().cacheReadInputTokens()).contains(80L);
    assertThat(sdk.usage().outputTokens()).isEqualTo(20);
    assertThat(sdk.usage().outputTokensDetails()).isPresent();
    assertThat(json(body).path("usage").path("output_tokens_details").path("thinking_tokens").asLong()).isEqualTo(5);
  }

  @Test
  void aStopSequenceAndAnEmptyAnswerRender() {
    ChatResponse response = new ChatResponse("id-2", "m", List.of(new ChatResponse.Candidate(0, List.of(),
        FinishReason.STOP_SEQUENCE, Optional.of("###"))), Optional.empty());
    byte[] body = CanonicalToAnthropic.response(response, "claude-haiku-4-5");
    Message sdk = sdkMessage(body);
    assertThat(sdk.stopSequence()).contains("###");
    assertThat(sdk.content()).isEmpty();
    assertThat(sdk.usage().inputTokens()).isZero();
  }

  @Test
  void whatAnAnthropicAnswerCannotHoldIsA502() {
    ChatResponse withImage = new ChatResponse("id", "m", List.of(new ChatResponse.Candidate(0, List.of(
        new Item.Message(Role.ASSISTANT, List.of(new ContentPart.Image(new MediaSource.Url("https://x/y.png"),
            Optional.empty())))), FinishReason.STOP, Optional.empty())), Optional.empty());
    assertThatThrownBy(() -> CanonicalToAnthropic.response(withImage, "claude"))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502))
        .hasMessageContaining("an image");
    ChatResponse badArguments = new ChatResponse("id", "m", List.of(new ChatResponse.Candidate(0, List.of(
        new Item.ToolCall("call_9", "f", "{\"a\":")), FinishReason.TOOL_CALLS, Optional.empty())), Optional.empty());
    assertThatThrownBy(() -> CanonicalToAnthropic.response(badArguments, "claude"))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502))
        .hasMessageContaining("'call_9'");
  }

  @Test
  void cacheCreationTokensComeBackApartFromUncachedInput() {
    ObjectNode usage = AnthropicUsage.toJson(new Usage(1532, 1111, 418, 33, 0));
    assertThat(json(JsonTrees.bytes(usage))).isEqualTo(json("""
        {"input_tokens":3,"cache_creation_input_tokens":418,"cache_read_input_tokens":1111,"output_tokens":33}"""));
  }
}
