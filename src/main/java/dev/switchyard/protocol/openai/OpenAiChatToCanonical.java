package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI chat completions request body (already checked by {@link OpenAiRequestParser}) to a
 * canonical {@link ChatRequest}. What cannot be translated at all (audio input, non-function tools)
 * is a 400 naming it; fields with no canonical equivalent and unknown fields are listed in the
 * result's {@code dropped}, except where they hold their default value and so change nothing.
 *
 * <p>Besides OpenAI's own fields it reads {@code top_k} (vLLM, OpenRouter, Together) and takes
 * {@code safety_identifier} as the end-user id when {@code user} is absent.
 */
public final class OpenAiChatToCanonical {
  static final ObjectMapper JSON = Json.MAPPER;
  /** Fields with no canonical equivalent that change nothing when they hold these values. */
  private static final Map<String, JsonNode> HARMLESS_DEFAULTS = Map.of(
      "logprobs", JsonNodeFactory.instance.booleanNode(false),
      "logit_bias", JsonNodeFactory.instance.objectNode(),
      "metadata", JsonNodeFactory.instance.objectNode(),
      "top_logprobs", JsonNodeFactory.instance.numberNode(0),
      "store", JsonNodeFactory.instance.booleanNode(false),
      "service_tier", JsonNodeFactory.instance.textNode("auto"),
      "modalities", JsonNodeFactory.instance.arrayNode().add("text"));

  /** Top-level fields read into the canonical request. */
  private static final Set<String> TRANSLATED = Set.of("model", "messages", "tools", "functions",
      "tool_choice", "function_call", "parallel_tool_calls", "max_completion_tokens", "max_tokens",
      "temperature", "top_p", "top_k", "presence_penalty", "frequency_penalty", "stop", "seed", "n",
      "response_format", "reasoning_effort", "user", "safety_identifier", "stream");

  private static final Set<String> SCHEMA_KEYS = Set.of("name", "description", "schema", "strict");

  private OpenAiChatToCanonical() {}

  public static Translation<ChatRequest> translate(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw GatewayException.invalidRequest(null, "The request body is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw GatewayException.invalidRequest(null, "The request body must be a JSON object.");
    }
    return translate((ObjectNode) root);
  }

  static Translation<ChatRequest> translate(ObjectNode root) {
    List<String> dropped = new ArrayList<>();
    JsonNode messages = root.path("messages");
    if (!messages.isArray()) {
      throw GatewayException.invalidRequest("messages", "Missing required parameter: 'messages'.");
    }
    var items = OpenAiMessagesToCanonical.items(messages, dropped);
    List<ToolDefinition> tools = OpenAiToolsToCanonical.tools(root, dropped);
    ToolChoice toolChoice = OpenAiToolsToCanonical.toolChoice(root);
    Optional<Integer> maxTokens = integer(root, "max_completion_tokens");
    Optional<Integer> legacyMaxTokens = integer(root, "max_tokens");
    if (maxTokens.isPresent() && legacyMaxTokens.isPresent() && !maxTokens.equals(legacyMaxTokens)) {
      dropped.add("max_tokens"); // two different limits: max_completion_tokens, the current name, wins
    }
    Optional<String> user = text(root, "user").or(() -> text(root, "safety_identifier"));
    if (text(root, "user").isPresent() && text(root, "safety_identifier").isPresent()) {
      dropped.add("safety_identifier");
    }
    Optional<ReasoningConfig> reasoning = text(root, "reasoning_effort")
        .map(effort -> new ReasoningConfig(Optional.of(effort), Optional.empty()));
    ChatRequest request = new ChatRequest(
        text(root, "model").orElseThrow(() -> GatewayException.invalidRequest("model",
            "Missing required parameter: 'model'.")),
        items, tools, toolChoice,
        bool(root, "parallel_tool_calls"),
        maxTokens.or(() -> legacyMaxTokens),
        number(root, "temperature"),
        number(root, "top_p"),
        integer(root, "top_k"), number(root, "presence_penalty"), number(root, "frequency_penalty"),
        stop(root.path("stop")),
        longValue(root, "seed"),
        integer(root, "n").orElse(1),
        responseFormat(root.path("response_format"), dropped),
        reasoning,
        user,
        bool(root, "stream").orElse(false));
    reportUnused(root, dropped);
    return new Translation<>(request, dropped);
  }

  /** {@code text} is what a model does anyway, so it is no canonical format at all. */
  private static Optional<ResponseFormat> responseFormat(JsonNode format, List<String> dropped) {
    if (format.isNull() || format.isMissingNode()) {
      return Optional.empty();
    }
    String type = format.path("type").asText("");
    switch (type) {
      case "text":
        return Optional.empty();
      case "json_object":
        return Optional.of(new ResponseFormat.JsonObject());
      case "json_schema":
        JsonNode spec = format.path("json_schema");
        DroppedFields.reportOthers(spec, SCHEMA_KEYS, "response_format.json_schema", dropped);
        JsonNode schema = spec.path("schema").isObject() ? spec.path("schema") : JSON.createObjectNode();
        return Optional.of(new ResponseFormat.JsonSchema(
            OpenAiContentToCanonical.requiredText(spec, "name", "response_format.json_schema"),
            text(spec, "description"), schema, spec.path("strict").asBoolean(false)));
      default:
        throw GatewayException.invalidRequest("response_format.type", "Invalid value for "
            + "'response_format.type': '" + type + "' is not one of text, json_object, json_schema.");
    }
  }

  private static List<String> stop(JsonNode stop) {
    if (stop.isTextual()) {
      return List.of(stop.asText());
    }
    List<String> sequences = new ArrayList<>();
    if (stop.isArray()) {
      for (JsonNode sequence : stop) {
        if (!sequence.isTextual()) {
          throw GatewayException.invalidRequest("stop", "Invalid type for 'stop': expected strings.");
        }
        sequences.add(sequence.asText());
      }
    }
    return sequences;
  }

  private static void reportUnused(ObjectNode root, List<String> dropped) {
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull() || TRANSLATED.contains(name) || isDefault(name, value)) {
        continue;
      }
      if (name.equals("stream_options")) {
        // include_usage is the ingress's business (the encoder honours it); anything else is not.
        value.fieldNames().forEachRemaining(option -> {
          if (!option.equals("include_usage")) {
            dropped.add("stream_options." + option);
          }
        });
      } else {
        dropped.add(name); // even empty: web_search_options {} turns search on
      }
    }
  }

  private static boolean isDefault(String name, JsonNode value) {
    JsonNode harmless = HARMLESS_DEFAULTS.get(name);
    if (harmless == null) {
      return false;
    }
    return value.isNumber() && harmless.isNumber()
        ? value.decimalValue().compareTo(harmless.decimalValue()) == 0 : value.equals(harmless);
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string");
    }
    return Optional.of(value.asText());
  }

  private static Optional<Boolean> bool(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "a boolean");
    }
    return Optional.of(value.asBoolean());
  }

  private static Optional<Double> number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw wrongType(field, "a number");
    }
    return Optional.of(value.asDouble());
  }

  private static Optional<Integer> integer(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(field, "an integer");
    }
    return Optional.of(value.asInt());
  }

  private static Optional<Long> longValue(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(field, "an integer");
    }
    return Optional.of(value.asLong());
  }

  private static GatewayException wrongType(String field, String expected) {
    return GatewayException.invalidRequest(field,
        "Invalid type for '" + field + "': expected " + expected + ".");
  }
}
