package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's {@code systemInstruction} and {@code contents} as canonical items, in order. Runs of
 * text and media parts of one content become one message; thoughts ({@code thought: true}) become
 * reasoning with the part's {@code thoughtSignature}; a signature on any other part becomes an
 * empty, signed reasoning item right before that part's item, so it goes back on the part it came
 * with. Roles: {@code user} (also {@code function}, and an absent role) and {@code model}.
 *
 * <p>Function calls without an id get {@code call_<content>_<part>}, stable across the turns of a
 * conversation, and a function response without an id answers the earliest unanswered call of its
 * name. A response's {@code response} object becomes the tool result's text, as compact JSON.
 *
 * <p>Refused with a 400 naming the part: executable code and its results (Gemini's code execution
 * tool), a part with only {@code videoMetadata} or no known field, multimodal function responses
 * ({@code functionResponse.parts}), function calls in a user content and function responses in a
 * model content. Dropped, named: {@code videoMetadata} beside media, {@code partMetadata},
 * {@code functionResponse.willContinue} and {@code scheduling} (Live API only), unknown part fields.
 */
final class GeminiContentsToCanonical {
  private static final Set<String> PART_FIELDS = Set.of("text", "inlineData", "fileData", "functionCall",
      "functionResponse", "thought", "thoughtSignature");
  private static final List<String> UNSUPPORTED = List.of("executableCode", "codeExecutionResult");
  private static final Set<String> CALL_FIELDS = Set.of("id", "name", "args");
  private static final Set<String> RESPONSE_FIELDS = Set.of("id", "name", "response");

  private final List<String> dropped;
  private final List<Item> items = new ArrayList<>();
  private final List<ContentPart> pending = new ArrayList<>();
  /** Calls not answered yet, oldest first, to match responses without an id. */
  private final List<Item.ToolCall> unanswered = new ArrayList<>();
  private Role role = Role.USER;

  private GeminiContentsToCanonical(List<String> dropped) {
    this.dropped = dropped;
  }

  /** {@code systemInstruction}: its text parts as one system message. */
  static List<Item> systemInstruction(JsonNode instruction, List<String> dropped) {
    if (instruction.isMissingNode()) {
      return List.of();
    }
    if (!instruction.isObject()) {
      throw GatewayException.invalidRequest("systemInstruction", "systemInstruction must be a Content object.");
    }
    List<ContentPart> parts = new ArrayList<>();
    JsonNode list = GeminiFields.array(instruction, "parts", "systemInstruction.parts");
    for (int i = 0; i < list.size(); i++) {
      JsonNode part = list.get(i);
      String path = "systemInstruction.parts[" + i + "]";
      if (!GeminiFields.has(part, "text")) {
        throw GatewayException.invalidRequest(path, path + ": the system instruction may hold only text parts.");
      }
      GeminiFields.reportOthers(part, Set.of("text"), path, dropped);
      parts.add(ContentPart.text(GeminiFields.get(part, "text").asText()));
    }
    GeminiFields.reportOthers(instruction, Set.of("parts", "role"), "systemInstruction", dropped);
    return parts.isEmpty() ? List.of() : List.of(new Item.Message(Role.SYSTEM, parts));
  }

  /** {@code contents}, which must hold at least one content. */
  static List<Item> contents(JsonNode contents, List<String> dropped) {
    if (!contents.isArray() || contents.isEmpty()) {
      throw GatewayException.invalidRequest("contents", "contents must be a non-empty array of Content.");
    }
    GeminiContentsToCanonical reader = new GeminiContentsToCanonical(dropped);
    for (int i = 0; i < contents.size(); i++) {
      reader.content(contents.get(i), i);
    }
    return reader.items;
  }

  private void content(JsonNode content, int index) {
    String path = "contents[" + index + "]";
    String roleName = GeminiFields.string(content, "role").orElse("user");
    role = switch (roleName) {
      case "user", "function" -> Role.USER;
      case "model" -> Role.ASSISTANT;
      default -> throw GatewayException.invalidRequest(path + ".role",
          path + ".role: '" + roleName + "' is not user or model.");
    };
    JsonNode parts = GeminiFields.get(content, "parts");
    if (!parts.isArray() || parts.isEmpty()) {
      throw GatewayException.invalidRequest(path + ".parts", path + ".parts: a content needs at least one part.");
    }
    GeminiFields.reportOthers(content, Set.of("role", "parts"), path, dropped);
    for (int i = 0; i < parts.size(); i++) {
      part(parts.get(i), index, i);
    }
    flush();
  }

  private void part(JsonNode part, int content, int index) {
    String path = "contents[" + content + "].parts[" + index + "]";
    for (String kind : UNSUPPORTED) {
      if (GeminiFields.has(part, kind)) {
        throw unsupported(path, kind);
      }
    }
    Optional<String> signature = GeminiFields.string(part, "thoughtSignature")
        .filter(s -> !s.isEmpty() && !s.equals(CanonicalItemsToGemini.SKIP_SIGNATURE)) // stands for none
        .map(GeminiClientSignatures::fromClient);
    boolean thought = GeminiFields.get(part, "thought").asBoolean(false);
    Optional<String> data = dataKind(part);
    GeminiFields.reportOthers(part, PART_FIELDS, path, dropped);
    if (thought && (data.isEmpty() || data.get().equals("text"))) {
      modelOnly(path, "thought");
      add(new Item.Reasoning(GeminiFields.get(part, "text").asText(""), signature, Optional.empty()));
      return;
    }
    if (thought) {
      dropped.add(path + ".thought"); // a thought flag on a call or media: nothing canonical carries it
    }
    if (signature.isPresent()) {
      modelOnly(path, "thoughtSignature");
      add(new Item.Reasoning("", signature, Optional.empty()));
    }
    if (data.isEmpty()) {
      if (signature.isPresent() && !GeminiFields.has(part, "videoMetadata")) {
        return; // a part holding only a signature, as a translation back from canonical writes one
      }
      throw unsupported(path, GeminiFields.has(part, "videoMetadata") ? "videoMetadata" : "no known field");
    }
    String kind = data.get();
    switch (kind) {
      case "text" -> {
        String text = GeminiFields.get(part, "text").asText();
        if (!text.isEmpty()) {
          pending.add(ContentPart.text(text));
        }
      }
      case "inlineData" -> pending.add(GeminiMedia.fromInlineData(GeminiFields.get(part, kind), path));
      case "fileData" -> pending.add(GeminiMedia.fromFileData(GeminiFields.get(part, kind), path));
      case "functionCall" -> functionCall(GeminiFields.get(part, kind), path + ".functionCall", content, index);
      case "functionResponse" -> functionResponse(GeminiFields.get(part, kind), path + ".functionResponse");
      default -> throw new IllegalStateException(kind);
    }
  }

  /** The part's data field, if it has one this translation reads. */
  private static Optional<String> dataKind(JsonNode part) {
    for (String kind : List.of("text", "inlineData", "fileData", "functionCall", "functionResponse")) {
      if (GeminiFields.has(part, kind)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private void functionCall(JsonNode call, String path, int content, int index) {
    modelOnly(path, "functionCall");
    String name = GeminiFields.string(call, "name").filter(n -> !n.isBlank()).orElseThrow(() ->
        GatewayException.invalidRequest(path, path + ": name is required."));
    String id = GeminiFields.string(call, "id").filter(i -> !i.isBlank())
        .orElse("call_" + content + "_" + index);
    JsonNode args = GeminiFields.get(call, "args");
    if (!args.isMissingNode() && !args.isObject()) {
      throw GatewayException.invalidRequest(path, path + ".args: must be a JSON object.");
    }
    GeminiFields.reportOthers(call, CALL_FIELDS, path, dropped);
    Item.ToolCall item = new Item.ToolCall(id, name, JsonTrees.text(args.isObject() ? args : JsonTrees.object()));
    unanswered.add(item);
    add(item);
  }

  private void functionResponse(JsonNode response, String path) {
    if (role != Role.USER) {
      throw GatewayException.invalidRequest(path, path + ": a functionResponse belongs in a user content.");
    }
    if (GeminiFields.has(response, "parts")) {
      throw unsupported(path, "functionResponse.parts");
    }
    String name = GeminiFields.string(response, "name").orElse("");
    Optional<String> id = GeminiFields.string(response, "id").filter(i -> !i.isBlank());
    String callId = id.orElseGet(() -> answer(name, path));
    unanswered.removeIf(call -> call.id().equals(callId));
    JsonNode body = GeminiFields.get(response, "response");
    if (!body.isMissingNode() && !body.isObject()) {
      throw GatewayException.invalidRequest(path, path + ".response: must be a JSON object.");
    }
    GeminiFields.reportOthers(response, RESPONSE_FIELDS, path, dropped);
    add(new Item.ToolResult(callId,
        List.of(ContentPart.text(JsonTrees.text(body.isObject() ? body : JsonTrees.object()))), false));
  }

  /** The id of the earliest unanswered call named {@code name}. */
  private String answer(String name, String path) {
    for (Item.ToolCall call : unanswered) {
      if (call.name().equals(name)) {
        return call.id();
      }
    }
    throw GatewayException.invalidRequest(path, path + ": no earlier functionCall named '" + name
        + "' awaits this response.");
  }

  private void modelOnly(String path, String what) {
    if (role != Role.ASSISTANT) {
      throw GatewayException.invalidRequest(path, path + ": a " + what + " part belongs in a model content.");
    }
  }

  private static GatewayException unsupported(String path, String kind) {
    return GatewayException.invalidRequest(path, path + ": unsupported part (" + kind + ")");
  }

  private void add(Item item) {
    flush();
    items.add(item);
  }

  private void flush() {
    if (!pending.isEmpty()) {
      items.add(new Item.Message(role, pending));
      pending.clear();
    }
  }
}
