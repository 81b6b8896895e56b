package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What an Anthropic request holds that other providers have no place for, named as dropped. */
class AnthropicUnmappedFieldsTest {
  private static List<String> dropped(String fields) {
    return AnthropicToCanonical.translate(utf8("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[" + fields + "}"))
        .dropped();
  }

  @Test
  void aRequestOfTranslatedFieldsOnlyDropsNothing() {
    assertThat(dropped("],\"system\":\"s\",\"temperature\":1,\"stream\":true,\"metadata\":{\"user_id\":\"u\"},"
        + "\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"},\"output_config\":{\"effort\":\"high\"}"))
        .isEmpty();
  }

  @Test
  void serviceTuningAndUnknownTopLevelFieldsAreNamed() {
    assertThat(dropped("],\"service_tier\":\"auto\",\"speed\":\"fast\",\"inference_geo\":\"us\","
        + "\"cache_control\":{\"type\":\"ephemeral\"},\"future_param\":1"))
        .containsExactly("service_tier", "speed", "inference_geo", "cache_control", "future_param");
  }

  @Test
  void cacheControlMarksOnBlocksAreNamedOnce() {
    assertThat(dropped("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]}],\"tools\":[{\"name\":\"f\",\"input_schema\":{},"
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]"))
        .containsExactly("cache_control (on blocks)");
  }

  @Test
  void clearingThinkingWhileKeepingAllOfItClearsNothingAndIsNotNamed() {
    assertThat(dropped("],\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\","
        + "\"keep\":\"all\"}]}")).isEmpty();
  }

  @Test
  void contextEditsThatClearSomethingAreNamedWithTheirType() {
    assertThat(dropped("],\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\","
        + "\"keep\":{\"type\":\"thinking_turns\",\"value\":1}},{\"type\":\"clear_tool_uses_20250919\"}]}"))
        .containsExactly("context_management.edits[0] (clear_thinking_20251015)",
            "context_management.edits[1] (clear_tool_uses_20250919)");
  }

  @Test
  void contextEditsThatAreNotAListAreNamedWhole() {
    assertThat(dropped("],\"context_management\":{\"edits\":{\"source\":1,\"type\":null}}"))
        .containsExactly("context_management.edits");
    assertThat(dropped("],\"context_management\":{\"edits\":\"clear_thinking_20251015\"}"))
        .containsExactly("context_management.edits");
  }

  @Test
  void toolKeysWithoutAPlaceAreNamedSuchAsDeferredLoading() {
    assertThat(dropped("],\"tools\":[{\"name\":\"a\",\"input_schema\":{}},{\"name\":\"b\",\"description\":\"d\","
        + "\"input_schema\":{},\"strict\":true,\"defer_loading\":true,\"input_examples\":[]}]"))
        .containsExactly("tools[1].defer_loading", "tools[1].input_examples");
  }

  @Test
  void outputConfigThinkingAndMetadataKeysBeyondTheMappedOnesAreNamed() {
    assertThat(dropped("],\"output_config\":{\"effort\":\"low\",\"task_budget\":{}},"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024,\"extra\":1},"
        + "\"metadata\":{\"user_id\":\"u\",\"tenant\":\"t\"}"))
        .containsExactly("output_config.task_budget", "thinking.extra", "metadata.tenant");
  }
}
