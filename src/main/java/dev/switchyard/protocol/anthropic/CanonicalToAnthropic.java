package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ReasoningConfig;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Canonical requests as Anthropic Messages requests, and canonical responses as Anthropic
 * Messages responses (for the native endpoint when the model lives elsewhere).
 *
 * <p>Structured output: a JSON schema becomes {@code output_config.format} ({@code {"type":
 * "json_schema","schema":...}}), the generally available form that anthropic-java's
 * {@code MessageCreateParams.Body.outputConfig()} carries; the older beta spelling, a top-level
 * {@code output_format}, is not sent. The schema's name, description and strict flag have no place
 * there and are dropped (Anthropic always holds to the schema). "Any JSON object" has no schema to
 * send, so it becomes a system instruction to answer with one JSON object.
 *
 * <p>Dropped because Anthropic has no equivalent and they only tune sampling: {@code seed}.
 * Answered with a 400: more than one candidate, and a required or named tool choice without tools.
 */
public final class CanonicalToAnthropic {
  static final String JSON_OBJECT_INSTRUCTION = "Respond with a single JSON object and nothing else.";

  private CanonicalToAnthropic() {}

  /** The request body to send to Anthropic for {@code upstreamModel}. */
  public static byte[] request(ChatRequest request, String upstreamModel) {
    return translate(request, upstreamModel).value();
  }

  /**
   * The request body for {@code upstreamModel}, with what Anthropic has no place for: {@code seed},
   * an image's {@code detail}, a JSON schema's description, reasoning without a signature.
   */
  public static Translation<byte[]> translate(ChatRequest request, String upstreamModel) {
    if (request.candidates() > 1) {
      throw GatewayException.invalidRequest("n", "Anthropic answers with one candidate; "
          + request.candidates() + " were asked for the model " + upstreamModel + ".");
    }
    ObjectNode body = JsonTrees.object().put("model", upstreamModel);
    AnthropicOutputBudget.Plan plan =
        AnthropicOutputBudget.plan(upstreamModel, request.maxOutputTokens(), request.reasoning());
    body.put("max_tokens", plan.maxTokens());
    CanonicalMessagesToAnthropic.Rendered rendered = CanonicalMessagesToAnthropic.render(request.items());
    if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonObject) {
      rendered.system().add(CanonicalContentToAnthropic.text(JSON_OBJECT_INSTRUCTION));
    }
    if (!rendered.system().isEmpty()) {
      body.set("system", rendered.system());
    }
    body.set("messages", rendered.messages());
    tools(body, request);
    List<String> dropped = new ArrayList<>(rendered.dropped());
    boolean thinking = plan.budget().isPresent();
    if (thinking && !request.tools().isEmpty()
        && (request.toolChoice() instanceof ToolChoice.Required || request.toolChoice() instanceof ToolChoice.Named)) {
      thinking = false; // Anthropic refuses thinking while a tool call is forced; the forced call is what was asked
      dropped.add("reasoning (Anthropic cannot think while a tool call is forced)");
    }
    if (thinking) {
      ObjectNode config = body.putObject("thinking").put("type", "enabled").put("budget_tokens",
          plan.budget().getAsInt());
      if (request.reasoning().map(ReasoningConfig::omitText).orElse(false)) {
        config.put("display", "omitted"); // the signatures come back all the same
      }
    }
    samplingWhileThinking(body, request, thinking, dropped);
    if (!request.stopSequences().isEmpty()) {
      ArrayNode stops = body.putArray("stop_sequences");
      request.stopSequences().forEach(stops::add);
    }
    request.user().ifPresent(user -> body.putObject("metadata").put("user_id", user));
    if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonSchema schema) {
      ObjectNode format = body.putObject("output_config").putObject("format");
      format.put("type", "json_schema").set("schema", schema.schema());
    }
    if (request.stream()) {
      body.put("stream", true);
    }
    request.seed().ifPresent(seed -> dropped.add("seed"));
    request.presencePenalty().ifPresent(penalty -> dropped.add("presence_penalty"));
    request.frequencyPenalty().ifPresent(penalty -> dropped.add("frequency_penalty"));
    if (request.responseFormat().orElse(null) instanceof ResponseFormat.JsonSchema schema
        && schema.description().isPresent()) {
      dropped.add("response_format.json_schema.description");
    }
    return new Translation<>(JsonTrees.bytes(body), dropped);
  }

  /**
   * Temperature, top_p and top_k as given — but while thinking Anthropic takes temperature 1 only,
   * top_p from 0.95 and no top_k, and its current models (Opus 4.1, Sonnet and Haiku 4.5 and later)
   * take temperature or top_p, not both (Gemini CLI sends both on every request); it refuses the
   * request otherwise, so those are left out, named, top_p yielding to temperature.
   */
  private static void samplingWhileThinking(ObjectNode body, ChatRequest request, boolean thinking,
      List<String> dropped) {
    request.temperature().ifPresent(t -> {
      if (thinking && t != 1.0) {
        dropped.add("temperature (Anthropic takes only 1 while thinking)");
      } else {
        body.put("temperature", t);
      }
    });
    request.topP().ifPresent(p -> {
      if (thinking && p < 0.95) {
        dropped.add("top_p (Anthropic takes 0.95 to 1 while thinking)");
      } else if (body.has("temperature")) {
        dropped.add("top_p (Anthropic takes temperature or top_p, not both)");
      } else {
        body.put("top_p", p);
      }
    });
    request.topK().ifPresent(k -> {
      if (thinking) {
        dropped.add("top_k (Anthropic takes none while thinking)");
      } else {
        body.put("top_k", k);
      }
    });
  }

  private static void tools(ObjectNode body, ChatRequest request) {
    ToolChoice choice = request.toolChoice();
    if (request.tools().isEmpty()) {
      if (choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Named) {
        throw GatewayException.invalidRequest("tool_choice",
            "The tool choice asks for a tool call, but the request defines no tools.");
      }
      return;
    }
    ArrayNode tools = body.putArray("tools");
    for (ToolDefinition tool : request.tools()) {
      ObjectNode wire = tools.addObject().put("name", tool.name());
      tool.description().ifPresent(d -> wire.put("description", d));
      JsonNode schema = tool.parameters();
      wire.set("input_schema", schema == null || schema.isNull() || schema.isMissingNode()
          ? JsonTrees.object().put("type", "object").set("properties", JsonTrees.object())
          : schema);
      tool.strict().ifPresent(s -> wire.put("strict", s));
    }
    ObjectNode wire = body.putObject("tool_choice");
    switch (choice) {
      case ToolChoice.Auto a -> wire.put("type", "auto");
      case ToolChoice.None n -> wire.put("type", "none");
      case ToolChoice.Required r -> wire.put("type", "any");
      case ToolChoice.Named named -> {
        if (request.tools().stream().noneMatch(t -> t.name().equals(named.name()))) {
          throw GatewayException.invalidRequest("tool_choice",
              "The tool choice names the tool '" + named.name() + "', which the request does not define.");
        }
        wire.put("type", "tool").put("name", named.name());
      }
    }
    if (!(choice instanceof ToolChoice.None) && request.parallelToolCalls().equals(Optional.of(false))) {
      wire.put("disable_parallel_tool_use", true);
    }
  }

  /** A complete answer as an Anthropic Messages response, under the model name the client asked for. */
  public static byte[] response(ChatResponse response, String requestedModel) {
    ObjectNode body = JsonTrees.object().put("id", messageId(response.id())).put("type", "message");
    body.put("role", "assistant").put("model", requestedModel);
    ArrayNode content = body.putArray("content");
    Optional<ChatResponse.Candidate> candidate = response.candidates().stream().findFirst();
    List<Item> items = candidate.map(ChatResponse.Candidate::items).orElse(List.of());
    for (Item item : items) {
      switch (item) {
        case Item.Message m -> m.content().forEach(part -> content.add(answeredText(part)));
        case Item.Reasoning r -> content.add(reasoning(r));
        case Item.ToolCall c -> content.addObject().put("type", "tool_use").put("id", c.id())
            .put("name", c.name()).set("input", answeredArguments(c));
        case Item.ToolResult r -> throw GatewayException.badGateway(
            "The upstream answer holds a tool result, which an Anthropic answer cannot.");
      }
    }
    body.put("stop_reason", AnthropicStopReasons.toAnthropic(
        candidate.map(ChatResponse.Candidate::finishReason).orElse(FinishReason.STOP)));
    Optional<String> stopSequence = candidate.flatMap(ChatResponse.Candidate::stopSequence);
    if (stopSequence.isPresent()) {
      body.put("stop_sequence", stopSequence.get());
    } else {
      body.putNull("stop_sequence");
    }
    body.set("usage", AnthropicUsage.toJson(response.usage().orElse(Usage.ZERO)));
    return JsonTrees.bytes(body);
  }

  /** Anthropic answers hold text blocks only: an image or document from the upstream cannot pass. */
  private static ObjectNode answeredText(ContentPart part) {
    if (part instanceof ContentPart.Text text) {
      return CanonicalContentToAnthropic.text(text.text());
    }
    String kind = part instanceof ContentPart.Image ? "an image" : "a document";
    throw GatewayException.badGateway(
        "The upstream answer holds " + kind + ", which an Anthropic answer cannot.");
  }

  /** Reasoning as a thinking block; an encrypted form with no signature as a redacted one. */
  static ObjectNode reasoning(Item.Reasoning reasoning) {
    if (reasoning.signature().isEmpty() && reasoning.encrypted().isPresent()) {
      return JsonTrees.object().put("type", "redacted_thinking").put("data", reasoning.encrypted().get());
    }
    return JsonTrees.object().put("type", "thinking").put("thinking", reasoning.text())
        .put("signature", reasoning.signature().orElse(""));
  }

  /** An upstream model's arguments; invalid JSON from it is the upstream's fault, so a 502. */
  private static JsonNode answeredArguments(Item.ToolCall call) {
    if (call.arguments() == null || call.arguments().isBlank()) {
      return JsonTrees.object();
    }
    try {
      JsonNode input = JsonTrees.MAPPER.readTree(call.arguments());
      if (input != null && input.isObject()) {
        return input;
      }
    } catch (IOException e) {
      // reported below
    }
    throw GatewayException.badGateway("The upstream model's arguments for tool call '" + call.id()
        + "' (" + call.name() + ") are not a JSON object.");
  }

  /** Anthropic's message ids start with {@code msg_}; an id from another provider gets the prefix. */
  static String messageId(String id) {
    return id.startsWith("msg_") ? id : "msg_" + id;
  }
}
