package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.JsonWriting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A canonical {@link ChatRequest} to an OpenAI chat completions request body, for a model on an
 * OpenAI or OpenAI-compatible provider. Streams ask for the usage chunk. {@code top_k} has no
 * OpenAI field and is listed as dropped, as are stop sequences beyond OpenAI's four and whatever
 * {@link CanonicalItemsToOpenAiMessages} cannot carry. {@code tool_choice} and
 * {@code parallel_tool_calls} are sent only with tools, as OpenAI refuses them otherwise, and
 * {@code tool_choice: auto}, the default with tools, not at all.
 */
public final class CanonicalToOpenAiChatRequest {
  /**
   * What the provider takes.
   *
   * @param legacyMaxTokens send the limit as {@code max_tokens} (older OpenAI-compatible servers)
   *     rather than {@code max_completion_tokens} (OpenAI, which refuses {@code max_tokens} for
   *     reasoning models)
   * @param sendReasoning send earlier turns' reasoning back in {@code reasoning_content} and
   *     {@code thinking_blocks} (DeepSeek and other providers that use it); OpenAI refuses them
   */
  public record Options(boolean legacyMaxTokens, boolean sendReasoning) {
    public static final Options OPENAI = new Options(false, false);
  }

  private static final int MAX_STOP_SEQUENCES = 4;
  /** Anchors of the token budget to effort mapping, on a log scale: 2k low, 8k medium, 32k high. */
  private static final int LOW_BUDGET = 2048;
  private static final int MEDIUM_BUDGET = 8192;
  private static final int HIGH_BUDGET = 32768;

  private CanonicalToOpenAiChatRequest() {}

  /** @param model the provider's name of the model */
  public static Translation<byte[]> request(ChatRequest request, String model, Options options) {
    List<String> dropped = new ArrayList<>();
    byte[] body = JsonWriting.json(json -> {
      json.writeStartObject();
      json.writeStringField("model", model);
      CanonicalItemsToOpenAiMessages.write(json, request.items(), options.sendReasoning(), dropped);
      if (!request.tools().isEmpty()) {
        tools(json, request);
      }
      if (request.maxOutputTokens().isPresent()) {
        json.writeNumberField(options.legacyMaxTokens() ? "max_tokens" : "max_completion_tokens",
            request.maxOutputTokens().get());
      }
      if (request.temperature().isPresent()) {
        json.writeNumberField("temperature", request.temperature().get());
      }
      if (request.topP().isPresent()) {
        json.writeNumberField("top_p", request.topP().get());
      }
      if (request.topK().isPresent()) {
        dropped.add("top_k");
      }
      if (request.presencePenalty().isPresent()) {
        json.writeNumberField("presence_penalty", request.presencePenalty().get());
      }
      if (request.frequencyPenalty().isPresent()) {
        json.writeNumberField("frequency_penalty", request.frequencyPenalty().get());
      }
      if (!request.stopSequences().isEmpty()) {
        List<String> stops = request.stopSequences();
        if (stops.size() > MAX_STOP_SEQUENCES) {
          dropped.add("stop_sequences[" + MAX_STOP_SEQUENCES + "..] (OpenAI takes at most "
              + MAX_STOP_SEQUENCES + ")");
          stops = stops.subList(0, MAX_STOP_SEQUENCES);
        }
        json.writeArrayFieldStart("stop");
        for (String stop : stops) {
          json.writeString(stop);
        }
        json.writeEndArray();
      }
      if (request.seed().isPresent()) {
        json.writeNumberField("seed", request.seed().get());
      }
      if (request.candidates() != 1) {
        json.writeNumberField("n", request.candidates());
      }
      if (request.responseFormat().isPresent()) {
        responseFormat(json, request.responseFormat().get());
      }
      Optional<String> effort = request.reasoning().flatMap(CanonicalToOpenAiChatRequest::effort);
      if (effort.isPresent()) {
        json.writeStringField("reasoning_effort", effort.get());
      }
      if (request.user().isPresent()) {
        json.writeStringField("user", request.user().get());
      }
      json.writeBooleanField("stream", request.stream());
      if (request.stream()) {
        json.writeObjectFieldStart("stream_options");
        json.writeBooleanField("include_usage", true);
        json.writeEndObject();
      }
      json.writeEndObject();
    });
    return new Translation<>(body, dropped);
  }

  /**
   * The effort to ask for: the one given, else the nearest to the token budget; none for a negative
   * budget ("the model decides": Gemini's -1, Anthropic's adaptive thinking without an effort),
   * which is what leaving the effort out means.
   */
  static Optional<String> effort(ReasoningConfig reasoning) {
    return reasoning.effort().or(() -> reasoning.budgetTokens().filter(budget -> budget >= 0)
        .map(CanonicalToOpenAiChatRequest::effortFor));
  }

  /**
   * The effort nearest to a thinking budget: a budget of 0 is {@code minimal}, the least every
   * reasoning model takes; otherwise the nearest anchor on a log scale (up to 4k low, up to 16k
   * medium, beyond high).
   */
  static String effortFor(int budgetTokens) {
    if (budgetTokens <= 0) {
      return "minimal";
    }
    if (budgetTokens <= Math.sqrt((double) LOW_BUDGET * MEDIUM_BUDGET)) {
      return "low";
    }
    return budgetTokens <= Math.sqrt((double) MEDIUM_BUDGET * HIGH_BUDGET) ? "medium" : "high";
  }

  private static void tools(JsonGenerator json, ChatRequest request) throws IOException {
    json.writeArrayFieldStart("tools");
    for (ToolDefinition tool : request.tools()) {
      json.writeStartObject();
      json.writeStringField("type", "function");
      json.writeObjectFieldStart("function");
      json.writeStringField("name", tool.name());
      if (tool.description().isPresent()) {
        json.writeStringField("description", tool.description().get());
      }
      json.writeFieldName("parameters");
      OpenAiChatToCanonical.JSON.writeTree(json, tool.parameters());
      if (tool.strict().isPresent()) {
        json.writeBooleanField("strict", tool.strict().get());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    switch (request.toolChoice()) {
      case ToolChoice.Auto auto -> { }
      case ToolChoice.None none -> json.writeStringField("tool_choice", "none");
      case ToolChoice.Required required -> json.writeStringField("tool_choice", "required");
      case ToolChoice.Named named -> {
        json.writeObjectFieldStart("tool_choice");
        json.writeStringField("type", "function");
        json.writeObjectFieldStart("function");
        json.writeStringField("name", named.name());
        json.writeEndObject();
        json.writeEndObject();
      }
    }
    if (request.parallelToolCalls().isPresent()) {
      json.writeBooleanField("parallel_tool_calls", request.parallelToolCalls().get());
    }
  }

  private static void responseFormat(JsonGenerator json, ResponseFormat format) throws IOException {
    json.writeObjectFieldStart("response_format");
    switch (format) {
      case ResponseFormat.JsonObject object -> json.writeStringField("type", "json_object");
      case ResponseFormat.JsonSchema schema -> {
        json.writeStringField("type", "json_schema");
        json.writeObjectFieldStart("json_schema");
        json.writeStringField("name", schema.name());
        if (schema.description().isPresent()) {
          json.writeStringField("description", schema.description().get());
        }
        json.writeFieldName("schema");
        OpenAiChatToCanonical.JSON.writeTree(json, schema.schema());
        json.writeBooleanField("strict", schema.strict());
        json.writeEndObject();
      }
    }
    json.writeEndObject();
  }
}
