package dev.switchyard.protocol.openai;

import static dev.switchyard.protocol.openai.OpenAiContentToCanonical.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI request's {@code tools} and {@code tool_choice} (and their legacy forms
 * {@code functions} and {@code function_call}) to canonical tool definitions and choice. Only
 * function tools translate; other tool types and the {@code allowed_tools} choice are a 400.
 */
final class OpenAiToolsToCanonical {
  private static final Set<String> TOOL_KEYS = Set.of("type", "function");
  private static final Set<String> FUNCTION_KEYS = Set.of("name", "description", "parameters", "strict");

  private OpenAiToolsToCanonical() {}

  static List<ToolDefinition> tools(JsonNode root, List<String> dropped) {
    List<ToolDefinition> tools = new ArrayList<>();
    JsonNode list = root.path("tools");
    for (int i = 0; i < list.size(); i++) {
      JsonNode tool = list.get(i);
      String path = "tools[" + i + "]";
      String type = tool.path("type").asText("");
      if (!type.equals("function")) {
        throw GatewayException.invalidRequest(path + ".type", "The tool type '" + type + "' (at '" + path
            + "') cannot be translated for this model: only function tools can.");
      }
      tools.add(function(tool.path("function"), path + ".function", dropped));
      DroppedFields.reportOthers(tool, TOOL_KEYS, path, dropped);
    }
    JsonNode functions = root.path("functions");
    for (int i = 0; i < functions.size(); i++) {
      tools.add(function(functions.get(i), "functions[" + i + "]", dropped));
    }
    return tools;
  }

  /**
   * A function definition. OpenAI reads absent {@code parameters} as "no parameters"; that is made
   * explicit as an empty object schema, which every provider accepts.
   */
  private static ToolDefinition function(JsonNode function, String path, List<String> dropped) {
    String name = requiredText(function, "name", path);
    Optional<String> description = function.path("description").isTextual()
        ? Optional.of(function.path("description").asText()) : Optional.empty();
    JsonNode parameters = function.path("parameters");
    if (!parameters.isObject()) {
      ObjectNode empty = JsonNodeFactory.instance.objectNode();
      empty.put("type", "object");
      empty.putObject("properties");
      parameters = empty;
    }
    Optional<Boolean> strict = function.path("strict").isBoolean()
        ? Optional.of(function.path("strict").asBoolean()) : Optional.empty();
    DroppedFields.reportOthers(function, FUNCTION_KEYS, path, dropped);
    return new ToolDefinition(name, description, parameters, strict);
  }

  /** {@code tool_choice}, else the legacy {@code function_call}; AUTO when neither is set. */
  static ToolChoice toolChoice(JsonNode root) {
    JsonNode choice = root.path("tool_choice");
    String field = "tool_choice";
    if (choice.isNull() || choice.isMissingNode()) {
      choice = root.path("function_call");
      field = "function_call";
    }
    if (choice.isNull() || choice.isMissingNode()) {
      return ToolChoice.AUTO;
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "auto" -> ToolChoice.AUTO;
        case "none" -> ToolChoice.NONE;
        case "required" -> ToolChoice.REQUIRED;
        default -> throw GatewayException.invalidRequest(field, "Invalid value for '" + field + "': '"
            + choice.asText() + "' is not one of none, auto, required.");
      };
    }
    if (field.equals("function_call")) {
      return new ToolChoice.Named(requiredText(choice, "name", field));
    }
    String type = choice.path("type").asText("");
    if (!type.equals("function")) {
      throw GatewayException.invalidRequest("tool_choice.type", "The tool_choice type '" + type
          + "' cannot be translated for this model: only none, auto, required and a named function can.");
    }
    return new ToolChoice.Named(requiredText(choice.path("function"), "name", "tool_choice.function"));
  }
}
