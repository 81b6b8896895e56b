package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides a chat completion's answer from its request alone, so the same request always gets the
 * same answer: a model whose name holds {@code echo} repeats the last user message; others say a
 * pseudo-random sentence seeded by the messages; a request offering tools gets a call to one.
 */
final class SimulatedChat {
  static final String PATH = "/chat/completions";
  private static final int MAX_CHOICES = 128;
  private static final List<String> WORDS = List.of(
      "the", "gateway", "routes", "each", "request", "to", "a", "model", "that", "answers", "with", "simulated",
      "tokens", "while", "streams", "arrive", "in", "order", "and", "every", "provider", "keeps", "its", "own",
      "pace", "so", "clients", "see", "steady", "output", "from", "one", "endpoint", "for", "many", "teams",
      "who", "build", "tools", "on", "top", "of", "reliable", "infrastructure", "under", "load", "quiet",
      "bright", "river", "signal", "between", "careful", "systems", "measure", "latency", "budget", "across",
      "regions", "when", "traffic", "grows", "quickly", "yet", "nothing", "breaks", "because", "failover",
      "waits", "behind", "any", "call");

  /** What the simulator will answer: one entry per requested choice, and the usage to report. */
  record Completion(String id, long created, String model, List<Choice> choices, int promptTokens,
      boolean stream, boolean includeUsage) {
    int completionTokens() {
      return choices.stream().mapToInt(Choice::completionTokens).sum();
    }
  }

  /** One choice: its text as tokens, or a tool call. */
  record Choice(int index, List<String> tokens, Optional<ToolCall> toolCall, String finishReason) {
    String content() {
      return String.join("", tokens);
    }

    int completionTokens() {
      return toolCall.map(ToolCall::completionTokens).orElse(tokens.size());
    }
  }

  /** A call of a function tool, with its arguments as they are streamed. */
  record ToolCall(String id, String name, List<String> argumentFragments) {
    String arguments() {
      return String.join("", argumentFragments);
    }

    int completionTokens() {
      return Tokens.count(name) + argumentFragments.size();
    }
  }

  private SimulatedChat() {}

  static Completion answer(JsonNode request) {
    String model = requireModel(request);
    JsonNode messages = request.get("messages");
    if (messages == null || messages.isNull()) {
      throw new InvalidSimulatedRequest("Missing required parameter: 'messages'.", "messages",
          "missing_required_parameter");
    }
    if (!messages.isArray() || messages.isEmpty()) {
      throw new InvalidSimulatedRequest("Invalid 'messages': expected a non-empty array of messages.", "messages",
          "invalid_value");
    }
    for (JsonNode message : messages) {
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw new InvalidSimulatedRequest("Invalid 'messages': each message needs a string 'role'.", "messages",
            "invalid_value");
      }
    }
    int n = integer(request, "n", 1, MAX_CHOICES, 1);
    int limit = request.hasNonNull("max_completion_tokens")
        ? integer(request, "max_completion_tokens", 1, Integer.MAX_VALUE, Integer.MAX_VALUE)
        : integer(request, "max_tokens", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
    boolean stream = request.path("stream").asBoolean(false);
    boolean includeUsage = stream && request.path("stream_options").path("include_usage").asBoolean(false);

    long seed = DeterministicRandom.hash(messages.toString());
    Optional<JsonNode> tool = toolToCall(request, messages);
    List<Choice> choices = new ArrayList<>(n);
    for (int index = 0; index < n; index++) {
      DeterministicRandom random = new DeterministicRandom(DeterministicRandom.mix(seed + index));
      if (tool.isPresent()) {
        choices.add(new Choice(index, List.of(), Optional.of(toolCall(tool.get(), random)), "tool_calls"));
        continue;
      }
      List<String> tokens = model.contains("echo")
          ? Tokens.split(SimulationDirectives.strip(lastUserText(messages)))
          : sentence(random);
      boolean cut = tokens.size() > limit;
      choices.add(new Choice(index, cut ? List.copyOf(tokens.subList(0, limit)) : tokens, Optional.empty(),
          cut ? "length" : "stop"));
    }
    String id = "chatcmpl-" + new DeterministicRandom(ThreadLocalRandom.current().nextLong()).nextAlphanumeric(29);
    return new Completion(id, Instant.now().getEpochSecond(), model, List.copyOf(choices),
        promptTokens(messages, request.get("tools")), stream, includeUsage);
  }

  /** The text of the last message from the user: a string, or the text parts of an array. */
  static String lastUserText(JsonNode messages) {
    if (messages == null || !messages.isArray()) {
      return "";
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if ("user".equals(message.path("role").asText())) {
        return text(message.get("content"));
      }
    }
    return "";
  }

  private static String text(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode part : content) {
      if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
        parts.add(part.get("text").asText());
      }
    }
    return String.join("\n", parts);
  }

  static String requireModel(JsonNode request) {
    JsonNode model = request.get("model");
    if (model == null || model.isNull()) {
      throw new InvalidSimulatedRequest("Missing required parameter: 'model'.", "model",
          "missing_required_parameter");
    }
    if (!model.isTextual()) {
      throw new InvalidSimulatedRequest("Invalid type for 'model': expected a string.", "model", "invalid_type");
    }
    return model.asText();
  }

  private static int integer(JsonNode request, String field, int min, int max, int absent) {
    JsonNode node = request.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      throw new InvalidSimulatedRequest("Invalid type for '" + field + "': expected an integer.", field,
          "invalid_type");
    }
    int value = node.asInt();
    if (value < min || value > max) {
      throw new InvalidSimulatedRequest("Invalid '" + field + "': " + value + " is out of range (" + min + " to "
          + max + ").", field, "invalid_value");
    }
    return value;
  }

  /**
   * The function tool to call, when the request offers tools, does not forbid calling them, and
   * the user spoke last (after a tool result the model answers in text, as real ones do); system and
   * developer messages after the user's (Claude Code adds reminders there) do not count as speaking.
   */
  private static Optional<JsonNode> toolToCall(JsonNode request, JsonNode messages) {
    List<JsonNode> functions = new ArrayList<>();
    for (JsonNode tool : request.path("tools")) {
      if (tool.path("function").path("name").isTextual()
          && "function".equals(tool.path("type").asText("function"))) {
        functions.add(tool.get("function"));
      }
    }
    JsonNode choice = request.path("tool_choice");
    boolean userLast = false;
    for (int i = messages.size() - 1; i >= 0; i--) {
      String role = messages.get(i).path("role").asText();
      if (!role.equals("system") && !role.equals("developer")) {
        userLast = role.equals("user");
        break;
      }
    }
    if (functions.isEmpty() || "none".equals(choice.asText()) || !userLast) {
      return Optional.empty();
    }
    JsonNode named = choice.path("function").path("name");
    if (!named.isTextual()) {
      return Optional.of(functions.get(0));
    }
    return Optional.of(functions.stream()
        .filter(f -> f.path("name").asText().equals(named.asText()))
        .findFirst()
        .orElseThrow(() -> new InvalidSimulatedRequest("Invalid value for 'tool_choice': no function named '"
            + named.asText() + "' is among the tools.", "tool_choice", "invalid_value")));
  }

  private static ToolCall toolCall(JsonNode function, DeterministicRandom random) {
    String arguments = ToolArguments.fromSchema(function.get("parameters")).toString();
    return new ToolCall("call_" + random.nextAlphanumeric(24), function.get("name").asText(),
        ToolArguments.fragments(arguments));
  }

  /** A few sentences of plausible words, some 24 to 40 tokens long. */
  private static List<String> sentence(DeterministicRandom random) {
    int target = 24 + random.nextInt(17);
    StringBuilder text = new StringBuilder();
    int tokens = 0;
    while (tokens < target) {
      int words = 5 + random.nextInt(10);
      for (int w = 0; w < words; w++) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        if (w == 0) {
          word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
        text.append(text.isEmpty() ? "" : " ").append(word);
        tokens++;
        if (w > 1 && w < words - 1 && random.nextInt(10) == 0) {
          text.append(',');
          tokens++;
        }
      }
      text.append('.');
      tokens++;
    }
    return Tokens.split(text.toString());
  }

  /** Roughly how OpenAI counts a prompt: each message's text plus a few tokens of framing. */
  private static int promptTokens(JsonNode messages, JsonNode tools) {
    int count = 3;
    for (JsonNode message : messages) {
      count += 3 + Tokens.count(text(message.get("content")));
    }
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      count += Tokens.count(tools.toString());
    }
    return count;
  }
}
