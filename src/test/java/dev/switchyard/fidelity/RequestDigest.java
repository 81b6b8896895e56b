package dev.switchyard.fidelity;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ResponseFormat;
import dev.switchyard.canonical.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request says, flattened so that two protocols' renderings compare: the conversation as
 * a list of entries (message boundaries aside, since Anthropic merges same-role turns), the
 * reasoning apart, and each setting by name.
 */
final class RequestDigest {
  private RequestDigest() {}

  /** Google's documented placeholder for a function call whose history holds no signature. */
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

  /** Text by role (system and developer as one), media, tool calls with JSON arguments, tool results. */
  static List<String> conversation(ChatRequest request) {
    return conversation(request, false);
  }

  /**
   * The conversation; {@code geminiResults}: a tool result that is Gemini's {@code {"result": text}}
   * wrapping (CanonicalItemsToGemini wraps text that is not a JSON object so) counts as its text.
   */
  static List<String> conversation(ChatRequest request, boolean geminiResults) {
    List<String> entries = new ArrayList<>();
    for (Item item : request.items()) {
      switch (item) {
        case Item.Message m -> {
          String role = m.role() == Role.DEVELOPER ? "system" : m.role().name().toLowerCase();
          for (ContentPart part : m.content()) {
            if (!(part instanceof ContentPart.Text t && t.text().isEmpty())) {
              entries.add(role + ": " + part(part));
            }
          }
        }
        case Item.ToolCall c -> entries.add("call " + c.id() + " " + c.name() + " "
            + Wire.json(c.arguments().isBlank() ? "{}" : c.arguments()));
        case Item.ToolResult r -> entries.add("result " + r.callId() + " " + r.isError() + " "
            + r.content().stream().map(p -> geminiResults ? unwrapped(p) : part(p)).toList());
        case Item.Reasoning r -> { }
      }
    }
    return entries;
  }

  /** The reasoning items, but for Google's placeholder signature, which stands for none. */
  static List<String> reasoning(ChatRequest request) {
    return request.items().stream().filter(Item.Reasoning.class::isInstance).map(Item.Reasoning.class::cast)
        .filter(r -> !(r.text().isEmpty() && r.signature().map(RequestDigest::signature).equals(
            java.util.Optional.of(SKIP_SIGNATURE))))
        .map(r -> new Item.Reasoning(r.text(), r.signature().map(RequestDigest::signature), r.encrypted()))
        .map(Object::toString).toList();
  }

  /**
   * A signature as the provider that made it wrote it: without the mark of its origin
   * ({@code gemini:}) or the envelope another provider's takes on a Gemini client's wire.
   */
  static String signature(String seen) {
    java.util.Optional<String> gemini = dev.switchyard.canonical.SignatureOrigin.gemini(seen);
    if (gemini.isPresent()) {
      return gemini.get();
    }
    String unwrapped = dev.switchyard.protocol.gemini.GeminiClientSignatures.fromClient(seen);
    return dev.switchyard.canonical.SignatureOrigin.isGemini(unwrapped) ? seen : unwrapped;
  }

  static List<String> signatures(List<String> seen) {
    return seen.stream().map(RequestDigest::signature).toList();
  }

  private static String unwrapped(ContentPart part) {
    if (part instanceof ContentPart.Text t && t.text().startsWith("{")) {
      var json = Wire.json(t.text());
      if (json.size() == 1 && json.path("result").isTextual()) {
        return json.get("result").asText();
      }
    }
    return part(part);
  }

  private static String part(ContentPart part) {
    return part instanceof ContentPart.Text t ? t.text() : part.toString();
  }

  /** The settings the source request sets, by the name the matrix rows use. */
  static Map<String, Object> settings(ChatRequest request) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (!request.tools().isEmpty()) {
      settings.put("tools", request.tools());
      settings.put("tool_choice", request.toolChoice());
    }
    request.parallelToolCalls().ifPresent(p -> settings.put("parallel_tool_calls", p));
    request.maxOutputTokens().ifPresent(m -> settings.put("max_tokens", m));
    request.temperature().ifPresent(t -> settings.put("temperature", t));
    request.topP().ifPresent(p -> settings.put("top_p", p));
    request.topK().ifPresent(k -> settings.put("top_k", k));
    request.presencePenalty().ifPresent(p -> settings.put("presence_penalty", p));
    request.frequencyPenalty().ifPresent(p -> settings.put("frequency_penalty", p));
    if (!request.stopSequences().isEmpty()) {
      settings.put("stop", request.stopSequences());
    }
    request.seed().ifPresent(s -> settings.put("seed", s));
    if (request.candidates() != 1) {
      settings.put("n", request.candidates());
    }
    request.responseFormat().ifPresent(f -> {
      if (f instanceof ResponseFormat.JsonSchema schema) {
        settings.put("response_format.schema", schema.schema());
        settings.put("response_format.name/description/strict",
            List.of(schema.name(), schema.description(), schema.strict()));
      } else {
        settings.put("response_format", f);
      }
    });
    request.reasoning().ifPresent(r -> settings.put("reasoning", r));
    request.user().ifPresent(u -> settings.put("user", u));
    settings.put("stream", request.stream());
    return settings;
  }
}
