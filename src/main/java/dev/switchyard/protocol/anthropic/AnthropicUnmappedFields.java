package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an Anthropic Messages request holds that the canonical request has no place for, named for
 * {@code x-switchyard-dropped-fields} when the model lives with another provider: top-level fields
 * it does not translate (Anthropic's service tuning — {@code cache_control}, {@code service_tier},
 * {@code inference_geo}, {@code speed} — and fields it does not know), {@code cache_control} marks
 * on blocks and tools, tool keys such as {@code defer_loading} (the tool is sent whole),
 * {@code output_config} and {@code thinking} keys beyond those mapped, {@code metadata} keys other
 * than {@code user_id}, and {@code context_management} edits.
 *
 * <p>A {@code clear_thinking} edit that keeps all thinking ({@code keep: "all"}, which Claude Code
 * always sends) clears nothing, so leaving it out changes nothing and it is not named; any other
 * edit works on Anthropic's side only (tool results cleared past a threshold, older thinking
 * dropped) and is named.
 */
final class AnthropicUnmappedFields {
  private static final Set<String> TRANSLATED = Set.of("model", "messages", "max_tokens", "stream", "system",
      "tools", "tool_choice", "temperature", "top_p", "top_k", "stop_sequences", "metadata", "thinking",
      "output_config", "output_format", "context_management");
  private static final Set<String> TOOL_KEYS = Set.of("type", "name", "description", "input_schema", "strict",
      "cache_control");
  private static final Set<String> OUTPUT_CONFIG_KEYS = Set.of("effort", "format");
  private static final Set<String> THINKING_KEYS = Set.of("type", "budget_tokens", "display");
  private static final Set<String> METADATA_KEYS = Set.of("user_id");

  private AnthropicUnmappedFields() {}

  static List<String> of(JsonNode root) {
    List<String> dropped = new ArrayList<>();
    root.fieldNames().forEachRemaining(field -> {
      if (!TRANSLATED.contains(field)) {
        dropped.add(field);
      }
    });
    if (!root.has("cache_control") && (root.path("messages").findValue("cache_control") != null
        || root.path("system").findValue("cache_control") != null
        || root.path("tools").findValue("cache_control") != null)) {
      dropped.add("cache_control (on blocks)");
    }
    JsonNode tools = root.path("tools");
    for (int i = 0; i < tools.size(); i++) {
      otherKeys(tools.get(i), TOOL_KEYS, "tools[" + i + "]", dropped);
    }
    otherKeys(root.path("output_config"), OUTPUT_CONFIG_KEYS, "output_config", dropped);
    otherKeys(root.path("thinking"), THINKING_KEYS, "thinking", dropped);
    otherKeys(root.path("metadata"), METADATA_KEYS, "metadata", dropped);
    contextManagement(root.path("context_management"), dropped);
    return dropped;
  }

  private static void contextManagement(JsonNode management, List<String> dropped) {
    if (!management.isObject()) {
      return;
    }
    otherKeys(management, Set.of("edits"), "context_management", dropped);
    JsonNode edits = management.path("edits");
    if (!edits.isArray()) { // not edits Anthropic would take either, but left out all the same
      if (!edits.isMissingNode()) {
        dropped.add("context_management.edits");
      }
      return;
    }
    for (int i = 0; i < edits.size(); i++) {
      JsonNode edit = edits.get(i);
      if (!keepsAllThinking(edit)) {
        dropped.add("context_management.edits[" + i + "] (" + edit.path("type").asText("?") + ")");
      }
    }
  }

  /** {@code clear_thinking_*} with {@code keep: "all"}: nothing is cleared. */
  private static boolean keepsAllThinking(JsonNode edit) {
    return edit.path("type").asText().startsWith("clear_thinking_") && edit.path("keep").asText().equals("all")
        && edit.size() == 2;
  }

  private static void otherKeys(JsonNode object, Set<String> known, String path, List<String> dropped) {
    if (object.isObject()) {
      object.fieldNames().forEachRemaining(key -> {
        if (!known.contains(key)) {
          dropped.add(path + "." + key);
        }
      });
    }
  }
}
