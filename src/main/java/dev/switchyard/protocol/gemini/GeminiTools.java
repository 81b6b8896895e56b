package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini's {@code tools} and {@code toolConfig} and canonical tools and tool choice, both ways.
 *
 * <p>Only function declarations translate: Google's server tools ({@code googleSearch},
 * {@code codeExecution}, {@code urlContext}, {@code fileSearch}, {@code computerUse}...) run on
 * Google's side and are refused with a 400 naming them. A declaration's {@code parameters}
 * (OpenAPI style) become JSON Schema, its {@code parametersJsonSchema} is JSON Schema already; its
 * {@code response} schemas and {@code behavior} have no canonical place and are dropped, named.
 *
 * <p>Modes: AUTO is auto, NONE none, ANY required — or that tool when {@code allowedFunctionNames}
 * names exactly one; VALIDATED (calls or text, calls held to the schema) is auto. Several allowed
 * names that leave some declared function out have no canonical equivalent and are dropped, named.
 * Towards Gemini, a tool's {@code strict} flag and {@code parallel_tool_calls: false} are dropped,
 * named: Gemini has neither; parameters go as {@code parameters} in Gemini's schema subset
 * ({@link GeminiSchemas}).
 */
final class GeminiTools {
  private static final Set<String> DECLARATION_FIELDS = Set.of("name", "description", "parameters",
      "parametersJsonSchema");
  private static final Set<String> CALLING_FIELDS = Set.of("mode", "allowedFunctionNames");

  private GeminiTools() {}

  static List<ToolDefinition> toCanonical(JsonNode tools, List<String> dropped) {
    List<ToolDefinition> definitions = new ArrayList<>();
    if (tools.isMissingNode()) {
      return definitions;
    }
    if (!tools.isArray()) {
      throw GatewayException.invalidRequest("tools", "tools must be an array of Tool.");
    }
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      for (Map.Entry<String, JsonNode> field : tools.get(i).properties()) {
        if (!GeminiFields.camel(field.getKey()).equals("functionDeclarations")) {
          throw GatewayException.invalidRequest(path, path + "." + field.getKey()
              + ": Gemini's server tools run on Google's side and have no equivalent on the model's provider;"
              + " only functionDeclarations translate.");
        }
      }
      JsonNode declarations = GeminiFields.array(tools.get(i), "functionDeclarations",
          path + ".functionDeclarations");
      for (int j = 0; j < declarations.size(); j++) {
        definitions.add(declaration(declarations.get(j), path + ".functionDeclarations[" + j + "]", dropped));
      }
    }
    return definitions;
  }

  private static ToolDefinition declaration(JsonNode declaration, String path, List<String> dropped) {
    String name = GeminiFields.string(declaration, "name").filter(n -> !n.isBlank()).orElseThrow(() ->
        GatewayException.invalidRequest(path, path + ": name is required."));
    JsonNode jsonSchema = GeminiFields.get(declaration, "parametersJsonSchema");
    JsonNode openApi = GeminiFields.get(declaration, "parameters");
    JsonNode parameters;
    if (!jsonSchema.isMissingNode()) {
      parameters = jsonSchema;
      if (!openApi.isMissingNode()) {
        dropped.add(path + ".parameters"); // Gemini takes only one of the two; the JSON Schema wins
      }
    } else if (!openApi.isMissingNode()) {
      parameters = GeminiSchemas.toJsonSchema(openApi);
    } else {
      parameters = JsonTrees.object().put("type", "object").set("properties", JsonTrees.object());
    }
    GeminiFields.reportOthers(declaration, DECLARATION_FIELDS, path, dropped);
    return new ToolDefinition(name, GeminiFields.string(declaration, "description"), parameters, Optional.empty());
  }

  static ToolChoice toolChoiceToCanonical(JsonNode toolConfig, List<ToolDefinition> tools, List<String> dropped) {
    if (toolConfig.isMissingNode()) {
      return ToolChoice.AUTO;
    }
    GeminiFields.reportOthers(toolConfig, Set.of("functionCallingConfig"), "toolConfig", dropped);
    JsonNode config = GeminiFields.get(toolConfig, "functionCallingConfig");
    String path = "toolConfig.functionCallingConfig";
    GeminiFields.reportOthers(config, CALLING_FIELDS, path, dropped);
    String mode = GeminiFields.string(config, "mode").orElse("AUTO").toUpperCase(Locale.ROOT);
    List<String> allowed = new ArrayList<>();
    GeminiFields.get(config, "allowedFunctionNames").forEach(n -> allowed.add(n.asText()));
    Set<String> declared = new HashSet<>();
    tools.forEach(t -> declared.add(t.name()));
    boolean restricts = !allowed.isEmpty() && !new HashSet<>(allowed).containsAll(declared);
    ToolChoice choice = switch (mode) {
      case "AUTO", "MODE_UNSPECIFIED", "VALIDATED" -> ToolChoice.AUTO;
      case "NONE" -> ToolChoice.NONE;
      case "ANY" -> allowed.size() == 1 ? new ToolChoice.Named(allowed.get(0)) : ToolChoice.REQUIRED;
      default -> throw GatewayException.invalidRequest(path + ".mode", path + ".mode: '" + mode
          + "' is not AUTO, ANY, NONE or VALIDATED.");
    };
    if (restricts && !(choice instanceof ToolChoice.Named)) {
      dropped.add(path + ".allowedFunctionNames");
    }
    return choice;
  }

  /** {@code tools} and {@code toolConfig} for a canonical request, into {@code body}. */
  static void toGemini(ChatRequest request, ObjectNode body, List<String> dropped, GeminiSchemas.Budget budget) {
    ToolChoice choice = request.toolChoice();
    if (request.tools().isEmpty()) {
      if (choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Named) {
        throw GatewayException.invalidRequest("tool_choice",
            "The tool choice asks for a tool call, but the request defines no tools.");
      }
      return;
    }
    ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
    for (int i = 0; i < request.tools().size(); i++) {
      ToolDefinition tool = request.tools().get(i);
      ObjectNode declaration = declarations.addObject().put("name", tool.name());
      tool.description().ifPresent(d -> declaration.put("description", d));
      JsonNode schema = tool.parameters();
      if (schema != null && schema.isObject() && !schema.isEmpty()) {
        GeminiSchemas.Converted converted = GeminiSchemas.toGemini(schema, "tools[" + i + "].parameters", budget);
        declaration.set("parameters", converted.schema());
        dropped.addAll(converted.dropped());
      }
      if (tool.strict().orElse(false)) {
        dropped.add("tools[" + i + "].strict");
      }
    }
    ObjectNode config = JsonTrees.object();
    switch (choice) {
      case ToolChoice.Auto a -> { }
      case ToolChoice.None n -> config.put("mode", "NONE");
      case ToolChoice.Required r -> config.put("mode", "ANY");
      case ToolChoice.Named named -> {
        if (request.tools().stream().noneMatch(t -> t.name().equals(named.name()))) {
          throw GatewayException.invalidRequest("tool_choice",
              "The tool choice names the tool '" + named.name() + "', which the request does not define.");
        }
        config.put("mode", "ANY").putArray("allowedFunctionNames").add(named.name());
      }
    }
    if (!config.isEmpty()) {
      body.putObject("toolConfig").set("functionCallingConfig", config);
    }
    if (!(choice instanceof ToolChoice.None) && request.parallelToolCalls().equals(Optional.of(false))) {
      dropped.add("parallel_tool_calls");
    }
  }
}
