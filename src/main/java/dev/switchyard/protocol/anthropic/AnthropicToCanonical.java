package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Anthropic Messages responses as canonical responses, and Anthropic Messages requests as canonical
 * requests (for the native endpoint when the model lives elsewhere).
 *
 * <p>Request fields with no canonical place (Anthropic's service tuning, {@code context_management}
 * edits, unknown fields) are left out and named as dropped ({@link AnthropicUnmappedFields}). Fields
 * that run tools on Anthropic's servers ({@code mcp_servers}, {@code container}) and server tools
 * in {@code tools} have no equivalent elsewhere and are answered with a 400 naming them.
 *
 * <p>Thinking: {@code enabled} gives a budget, {@code adaptive} lets the model decide — at the
 * {@code output_config.effort} when one is given, else with the budget "the model decides" — and
 * {@code output_config.effort} alone (thinking disabled or absent) is still an effort;
 * {@code display: "omitted"} asks for no reasoning text back.
 */
public final class AnthropicToCanonical {
  private static final List<String> ANTHROPIC_ONLY = List.of("mcp_servers", "container");

  private AnthropicToCanonical() {}

  /** An upstream's complete answer. */
  public static ChatResponse response(byte[] body) {
    JsonNode root = JsonTrees.readUpstream(body, "Anthropic");
    List<Item> items = AnthropicContentToCanonical.answer(root.path("content"));
    ChatResponse.Candidate candidate = new ChatResponse.Candidate(0, items,
        AnthropicStopReasons.toCanonical(JsonTrees.string(root, "stop_reason").orElse(null)),
        JsonTrees.string(root, "stop_sequence"));
    Optional<Usage> usage = root.path("usage").isObject()
        ? Optional.of(AnthropicUsage.fromJson(root.get("usage"))) : Optional.empty();
    return new ChatResponse(root.path("id").asText(), root.path("model").asText(), List.of(candidate), usage);
  }

  /** A client's request to the native endpoint. */
  public static ChatRequest request(byte[] body) {
    return request(body, true);
  }

  /**
   * A client's request to the native endpoint, with the Anthropic service-tuning fields it holds
   * (which other providers have no place for) named as dropped.
   */
  public static Translation<ChatRequest> translate(byte[] body) {
    ChatRequest request = request(body, true);
    return new Translation<>(request, AnthropicUnmappedFields.of(JsonTrees.readRequest(body)));
  }

  /** A client's count_tokens request: a Messages request without {@code max_tokens}. */
  public static ChatRequest countRequest(byte[] body) {
    return request(body, false);
  }

  private static ChatRequest request(byte[] body, boolean answering) {
    JsonNode root = JsonTrees.readRequest(body);
    for (String field : ANTHROPIC_ONLY) {
      if (root.has(field)) {
        throw GatewayException.invalidRequest(field, "The parameter '" + field
            + "' runs on Anthropic's servers and has no equivalent on the model's provider.");
      }
    }
    String model = JsonTrees.string(root, "model").filter(m -> !m.isBlank()).orElseThrow(() ->
        GatewayException.invalidRequest("model", "Missing required parameter: 'model'."));
    Optional<Integer> maxTokens = integer(root, "max_tokens");
    if (answering && maxTokens.isEmpty()) {
      throw GatewayException.invalidRequest("max_tokens", "Missing required parameter: 'max_tokens'.");
    }
    List<Item> items = new ArrayList<>(system(root.path("system")));
    items.addAll(AnthropicContentToCanonical.messages(root.path("messages")));
    JsonNode choice = root.path("tool_choice");
    Optional<Boolean> parallel = choice.path("disable_parallel_tool_use").asBoolean(false)
        ? Optional.of(false) : Optional.empty();
    return new ChatRequest(model, items, tools(root.path("tools")), toolChoice(choice), parallel,
        maxTokens, decimal(root, "temperature"), decimal(root, "top_p"), integer(root, "top_k"), Optional.empty(),
        Optional.empty(),
        stopSequences(root.path("stop_sequences")), Optional.empty(), 1, responseFormat(root),
        reasoning(root), JsonTrees.string(root.path("metadata"), "user_id"),
        root.path("stream").asBoolean(false));
  }

  private static List<Item> system(JsonNode system) {
    if (system.isMissingNode() || system.isNull()) {
      return List.of();
    }
    List<ContentPart> parts = new ArrayList<>();
    if (system.isTextual()) {
      parts.add(ContentPart.text(system.asText()));
    } else if (system.isArray()) {
      for (JsonNode block : system) {
        if (!block.path("type").asText().equals("text")) {
          throw GatewayException.invalidRequest("system", "The system prompt may hold only text blocks, not '"
              + block.path("type").asText() + "'.");
        }
        parts.add(ContentPart.text(block.path("text").asText()));
      }
    } else {
      throw GatewayException.invalidRequest("system", "The 'system' parameter must be a string or an array.");
    }
    return List.of(new Item.Message(Role.SYSTEM, parts));
  }

  private static List<ToolDefinition> tools(JsonNode tools) {
    List<ToolDefinition> definitions = new ArrayList<>();
    for (JsonNode tool : tools) {
      String type = tool.path("type").asText("custom");
      if (!type.equals("custom")) {
        throw GatewayException.invalidRequest("tools", "The tool type '" + type
            + "' is one of Anthropic's server tools and has no equivalent on the model's provider.");
      }
      JsonNode schema = tool.path("input_schema");
      JsonNode strict = tool.path("strict");
      definitions.add(new ToolDefinition(tool.path("name").asText(), JsonTrees.string(tool, "description"),
          schema.isObject() ? schema : JsonTrees.object(),
          strict.isBoolean() ? Optional.of(strict.asBoolean()) : Optional.empty()));
    }
    return definitions;
  }

  private static ToolChoice toolChoice(JsonNode choice) {
    if (choice.isMissingNode() || choice.isNull()) {
      return ToolChoice.AUTO;
    }
    String type = choice.path("type").asText();
    return switch (type) {
      case "auto" -> ToolChoice.AUTO;
      case "any" -> ToolChoice.REQUIRED;
      case "none" -> ToolChoice.NONE;
      case "tool" -> new ToolChoice.Named(choice.path("name").asText());
      default -> throw GatewayException.invalidRequest("tool_choice", "The tool_choice type '" + type
          + "' is not auto, any, tool or none.");
    };
  }

  /** Thinking and {@code output_config.effort}, as the class comment says. */
  private static Optional<ReasoningConfig> reasoning(JsonNode root) {
    Optional<String> effort = text(root.path("output_config"), "effort", "output_config");
    JsonNode thinking = root.path("thinking");
    String type = text(thinking, "type", "thinking").orElse("disabled");
    boolean omitText = text(thinking, "display", "thinking").filter(d -> d.equals("omitted")).isPresent();
    return switch (type) {
      case "enabled" -> Optional.of(new ReasoningConfig(effort,
          Optional.of(integer(thinking, "budget_tokens").orElse(AnthropicOutputBudget.MIN_BUDGET)), omitText));
      case "adaptive" -> Optional.of(new ReasoningConfig(effort,
          effort.isPresent() ? Optional.empty() : Optional.of(ReasoningConfig.MODEL_DECIDES), omitText));
      case "disabled" -> effort.map(e -> new ReasoningConfig(Optional.of(e), Optional.empty()));
      default -> throw GatewayException.invalidRequest("thinking", "The thinking type '" + type
          + "' is not enabled, adaptive or disabled.");
    };
  }

  /** {@code output_config.format}, or the older beta's top-level {@code output_format}. */
  private static Optional<ResponseFormat> responseFormat(JsonNode root) {
    JsonNode format = root.path("output_config").path("format");
    if (format.isMissingNode() || format.isNull()) {
      format = root.path("output_format");
    }
    if (format.isMissingNode() || format.isNull()) {
      return Optional.empty();
    }
    String type = format.path("type").asText();
    if (!type.equals("json_schema")) {
      throw GatewayException.invalidRequest("output_config", "The output format type '" + type
          + "' is not json_schema.");
    }
    JsonNode schema = format.path("schema");
    return Optional.of(new ResponseFormat.JsonSchema("response", Optional.empty(), schema, true));
  }

  /** An optional string field of an object parameter ({@code thinking}, {@code output_config}). */
  private static Optional<String> text(JsonNode object, String field, String parameter) {
    JsonNode value = object.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw GatewayException.invalidRequest(parameter, "The '" + parameter + "." + field
          + "' parameter must be a string.");
    }
    return Optional.of(value.asText());
  }

  private static List<String> stopSequences(JsonNode stops) {
    List<String> sequences = new ArrayList<>();
    stops.forEach(stop -> sequences.add(stop.asText()));
    return sequences;
  }

  private static Optional<Double> decimal(JsonNode root, String field) {
    JsonNode value = root.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw GatewayException.invalidRequest(field, "The '" + field + "' parameter must be a number.");
    }
    return Optional.of(value.asDouble());
  }

  private static Optional<Integer> integer(JsonNode root, String field) {
    JsonNode value = root.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw GatewayException.invalidRequest(field, "The '" + field + "' parameter must be an integer.");
    }
    return Optional.of(value.asInt());
  }
}
