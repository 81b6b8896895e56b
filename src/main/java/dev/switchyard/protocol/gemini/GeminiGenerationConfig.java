package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini's {@code generationConfig} and the canonical sampling, output format and reasoning
 * settings, both ways.
 *
 * <p>Structured output: {@code responseMimeType: application/json} alone is "any JSON object"; with
 * {@code responseJsonSchema} (JSON Schema) or {@code responseSchema} (Gemini's OpenAPI subset,
 * converted) it is a JSON schema named after the schema's {@code title} (Gemini has no name) or
 * {@code response}, held to strictly. Towards Gemini the schema goes, as given, in
 * {@code responseJsonSchema}, which takes full JSON Schema, so nothing is converted or lost; a
 * format description with no place there goes into the schema's own {@code description}.
 * Other response media types ({@code text/x.enum}) have no canonical equivalent: a 400.
 *
 * <p>Thinking: {@code thinkingBudget} is the budget (0 off, -1 the model decides, kept as is),
 * {@code thinkingLevel} the effort (lower-cased); {@code includeThoughts} alone asks for thinking at
 * the model's default. Towards Gemini: a budget goes as {@code thinkingBudget}; an effort goes as
 * {@code thinkingLevel} to Gemini 3 and later (none and minimal as {@code minimal}, xhigh and max
 * as {@code high}), and as a budget to older models (none and minimal 0, low 1024, medium 8192,
 * high and above 24576, the 2.5 Flash maximum); {@code includeThoughts: true} whenever reasoning is
 * configured, so thoughts reach the client — unless the client asked for no reasoning text
 * (Anthropic's {@code display: "omitted"}): then {@code false}, and Gemini still signs its parts, so
 * the client gets its signatures without the text, as Anthropic answers.
 *
 * <p>{@code responseModalities} of only TEXT is the default and changes nothing; IMAGE or AUDIO
 * output is a 400, since no translated model would produce it. Presence and frequency penalties
 * map to OpenAI's. Dropped, named: log probabilities, speech, image and media resolution settings, civic
 * answers, and unknown fields — when they hold something other than their default.
 */
final class GeminiGenerationConfig {
  private static final Set<String> TRANSLATED = Set.of("candidateCount", "stopSequences", "maxOutputTokens",
      "temperature", "topP", "topK", "presencePenalty", "frequencyPenalty", "seed", "responseMimeType",
      "responseSchema", "responseJsonSchema",
      "_responseJsonSchema", "responseModalities", "thinkingConfig");
  private static final Pattern GEMINI_MAJOR = Pattern.compile("^(?:models/)?gemini-(\\d+)");
  private static final String JSON = "application/json";

  /** What a {@code generationConfig} sets, in canonical terms. */
  record Settings(Optional<Integer> maxOutputTokens, Optional<Double> temperature, Optional<Double> topP,
      Optional<Integer> topK, Optional<Double> presencePenalty, Optional<Double> frequencyPenalty,
      List<String> stopSequences, Optional<Long> seed, int candidates,
      Optional<ResponseFormat> responseFormat, Optional<ReasoningConfig> reasoning) {}

  private GeminiGenerationConfig() {}

  static Settings toCanonical(JsonNode config, List<String> dropped) {
    String path = "generationConfig";
    if (config.isMissingNode()) {
      config = JsonTrees.object();
    }
    if (!config.isObject()) {
      throw GatewayException.invalidRequest(path, "generationConfig must be an object.");
    }
    for (JsonNode modality : GeminiFields.get(config, "responseModalities")) {
      if (!modality.asText().equalsIgnoreCase("TEXT")) {
        throw GatewayException.invalidRequest(path + ".responseModalities", path + ".responseModalities: "
            + modality.asText() + " output has no equivalent on the model's provider.");
      }
    }
    for (var field : config.properties()) {
      String key = GeminiFields.camel(field.getKey());
      JsonNode value = field.getValue();
      boolean isDefault = value.isNull() || (value.isNumber() && value.asDouble() == 0)
          || (value.isBoolean() && !value.asBoolean()) || (value.isContainerNode() && value.isEmpty());
      if (!TRANSLATED.contains(key) && !isDefault) {
        dropped.add(GeminiFields.path(path, field.getKey()));
      }
    }
    List<String> stops = new ArrayList<>();
    GeminiFields.get(config, "stopSequences").forEach(s -> stops.add(s.asText()));
    return new Settings(integer(config, "maxOutputTokens"), decimal(config, "temperature"),
        decimal(config, "topP"), integer(config, "topK"), decimal(config, "presencePenalty"),
        decimal(config, "frequencyPenalty"), stops,
        integer(config, "seed").map(Integer::longValue), integer(config, "candidateCount").orElse(1),
        responseFormat(config), reasoning(GeminiFields.get(config, "thinkingConfig"), dropped));
  }

  private static Optional<ResponseFormat> responseFormat(JsonNode config) {
    String mimeType = GeminiFields.string(config, "responseMimeType").orElse("text/plain");
    JsonNode jsonSchema = GeminiFields.get(config, "responseJsonSchema");
    if (jsonSchema.isMissingNode()) {
      jsonSchema = GeminiFields.get(config, "_responseJsonSchema");
    }
    JsonNode schema = GeminiFields.get(config, "responseSchema");
    if (mimeType.equals("text/plain")) {
      if (!jsonSchema.isMissingNode() || !schema.isMissingNode()) {
        throw GatewayException.invalidRequest("generationConfig.responseMimeType",
            "generationConfig: a response schema needs responseMimeType application/json.");
      }
      return Optional.empty();
    }
    if (!mimeType.equals(JSON)) {
      throw GatewayException.invalidRequest("generationConfig.responseMimeType", "generationConfig.responseMimeType: '"
          + mimeType + "' has no equivalent on the model's provider (text/plain or application/json).");
    }
    JsonNode given = !jsonSchema.isMissingNode() ? jsonSchema
        : !schema.isMissingNode() ? GeminiSchemas.toJsonSchema(schema) : null;
    if (given == null) {
      return Optional.of(new ResponseFormat.JsonObject());
    }
    String name = given.path("title").asText("");
    return Optional.of(new ResponseFormat.JsonSchema(name.isBlank() ? "response" : name, Optional.empty(),
        given, true));
  }

  private static Optional<ReasoningConfig> reasoning(JsonNode thinking, List<String> dropped) {
    if (thinking.isMissingNode()) {
      return Optional.empty();
    }
    GeminiFields.reportOthers(thinking, Set.of("thinkingBudget", "includeThoughts", "thinkingLevel"),
        "generationConfig.thinkingConfig", dropped);
    Optional<Integer> budget = integer(thinking, "thinkingBudget");
    Optional<String> level = GeminiFields.string(thinking, "thinkingLevel")
        .map(l -> l.toLowerCase(Locale.ROOT))
        .filter(l -> !l.equals("thinking_level_unspecified"));
    boolean include = GeminiFields.get(thinking, "includeThoughts").asBoolean(false);
    if (budget.isEmpty() && level.isEmpty() && !include) {
      return Optional.empty();
    }
    return Optional.of(new ReasoningConfig(level, budget));
  }

  /** The {@code generationConfig} for a canonical request; empty when it sets nothing. */
  static ObjectNode toGemini(ChatRequest request, String upstreamModel, List<String> dropped) {
    ObjectNode config = JsonTrees.object();
    if (request.candidates() != 1) {
      config.put("candidateCount", request.candidates());
    }
    if (!request.stopSequences().isEmpty()) {
      request.stopSequences().forEach(config.putArray("stopSequences")::add);
    }
    request.maxOutputTokens().ifPresent(m -> config.put("maxOutputTokens", m));
    request.temperature().ifPresent(t -> config.put("temperature", t));
    request.topP().ifPresent(p -> config.put("topP", p));
    request.presencePenalty().ifPresent(p -> config.put("presencePenalty", p));
    request.frequencyPenalty().ifPresent(p -> config.put("frequencyPenalty", p));
    request.topK().ifPresent(k -> config.put("topK", k));
    request.seed().ifPresent(seed -> {
      if (seed == (int) (long) seed) {
        config.put("seed", (int) (long) seed);
      } else {
        dropped.add("seed"); // Gemini's seed is a 32-bit integer
      }
    });
    request.responseFormat().ifPresent(format -> {
      config.put("responseMimeType", JSON);
      if (format instanceof ResponseFormat.JsonSchema schema) {
        JsonNode given = schema.schema();
        if (schema.description().isPresent() && given.isObject() && !given.has("description")) {
          given = ((ObjectNode) given.deepCopy()).put("description", schema.description().get());
        }
        config.set("responseJsonSchema", given);
      }
    });
    request.reasoning().ifPresent(reasoning -> config.set("thinkingConfig", thinking(reasoning, upstreamModel)));
    return config;
  }

  private static ObjectNode thinking(ReasoningConfig reasoning, String upstreamModel) {
    ObjectNode thinking = JsonTrees.object();
    if (reasoning.budgetTokens().isPresent()) {
      thinking.put("thinkingBudget", reasoning.budgetTokens().get());
    } else if (reasoning.effort().isPresent()) {
      String effort = reasoning.effort().get().toLowerCase(Locale.ROOT);
      if (usesThinkingLevel(upstreamModel)) {
        thinking.put("thinkingLevel", thinkingLevel(effort, upstreamModel.toLowerCase(Locale.ROOT)));
      } else {
        thinking.put("thinkingBudget", switch (effort) {
          case "none", "minimal" -> 0;
          case "low" -> 1024;
          case "medium" -> 8192;
          case "high", "xhigh", "max" -> 24_576;
          default -> throw unknownEffort(effort);
        });
      }
    }
    return thinking.put("includeThoughts", !reasoning.omitText());
  }

  /**
   * The level for an effort. Pro models cannot think minimally (their lowest level is low), and
   * Gemini 3.0 Pro knows only low and high.
   */
  private static String thinkingLevel(String effort, String model) {
    boolean pro = model.contains("-pro");
    String level = switch (effort) {
      case "none", "minimal" -> pro ? "low" : "minimal";
      case "low", "medium", "high" -> effort;
      case "xhigh", "max" -> "high";
      default -> throw unknownEffort(effort);
    };
    return level.equals("medium") && pro && model.matches(".*gemini-3-pro.*") ? "high" : level;
  }

  /** Gemini 3 and later take a thinking level; earlier models only a budget. */
  static boolean usesThinkingLevel(String upstreamModel) {
    Matcher matcher = GEMINI_MAJOR.matcher(upstreamModel.toLowerCase(Locale.ROOT));
    return matcher.find() && Integer.parseInt(matcher.group(1)) >= 3;
  }

  private static GatewayException unknownEffort(String effort) {
    return GatewayException.invalidRequest("reasoning_effort", "The reasoning effort '" + effort
        + "' is not one of none, minimal, low, medium, high, xhigh.");
  }

  private static Optional<Double> decimal(JsonNode node, String field) {
    JsonNode value = GeminiFields.get(node, field);
    if (value.isMissingNode()) {
      return Optional.empty();
    }
    if (!value.isNumber()) {
      throw GatewayException.invalidRequest("generationConfig." + field, "generationConfig." + field
          + " must be a number.");
    }
    return Optional.of(value.asDouble());
  }

  /** An integer; proto JSON may also write one as a string. */
  private static Optional<Integer> integer(JsonNode node, String field) {
    JsonNode value = GeminiFields.get(node, field);
    if (value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
      return Optional.of(Integer.parseInt(value.asText()));
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw GatewayException.invalidRequest("generationConfig." + field, "generationConfig." + field
          + " must be an integer.");
    }
    return Optional.of(value.asInt());
  }
}
