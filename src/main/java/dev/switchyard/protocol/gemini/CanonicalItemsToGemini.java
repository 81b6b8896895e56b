package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.SignatureOrigin;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A canonical conversation as Gemini's {@code systemInstruction} and {@code contents}; consecutive
 * items of one Gemini role make one content: user text and media and tool results
 * ({@code functionResponse} parts) a {@code user} content, assistant text, reasoning and tool calls a
 * {@code model} content.
 *
 * <p>System and developer text before the conversation begins goes to {@code systemInstruction} in
 * order. Gemini has one system instruction for the whole request and only {@code user} and
 * {@code model} roles in {@code contents}, so a system or developer message after the conversation
 * began (a mid-conversation system message, as Claude Code sends) becomes text of a {@code user}
 * content at its place — joined to the user content it follows — and is named as dropped, since
 * the model reads it as the user's words rather than a system instruction. Hoisting it into
 * {@code systemInstruction} would keep its authority but lose when it was said.
 *
 * <p>Reasoning with text is a thought part ({@code thought: true}) carrying its signature as
 * {@code thoughtSignature} — only Gemini's own ({@link SignatureOrigin}): another provider's is left
 * out, named; empty reasoning with a signature or encrypted form
 * hands it to the next part of the model content, which is where Gemini put it — or, when no part
 * follows, to an empty text part. Reasoning with neither is left out, as are empty text parts.
 * The first function call of a model content that has no signature gets Google's documented
 * placeholder {@value #SKIP_SIGNATURE}: Gemini 3 refuses a history whose function calls lack
 * signatures, as histories from other providers do.
 *
 * <p>A tool result's {@code name} is its call's; its text is the {@code response} when it is a
 * JSON object, else {@code {"result": text}}, or {@code {"error": ...}} for an error. Media in tool
 * results (Gemini's function responses carry JSON), an image's {@code detail} and a document's
 * {@code filename} have no Gemini field and are dropped, named.
 */
final class CanonicalItemsToGemini {
  /** Google's placeholder signature for function calls whose history holds none. */
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

  private final ArrayNode system = JsonTrees.MAPPER.createArrayNode();
  private final ArrayNode contents = JsonTrees.MAPPER.createArrayNode();
  private final Map<String, String> callNames = new HashMap<>();
  private final List<String> dropped;
  private Optional<String> pendingSignature = Optional.empty();

  /** The two halves of the rendering; {@code system} is empty when the conversation has none. */
  record Rendered(ArrayNode system, ArrayNode contents) {}

  private CanonicalItemsToGemini(List<String> dropped) {
    this.dropped = dropped;
  }

  static Rendered render(List<Item> items, List<String> dropped) {
    CanonicalItemsToGemini renderer = new CanonicalItemsToGemini(dropped);
    for (int i = 0; i < items.size(); i++) {
      renderer.add(items.get(i), "items[" + i + "]");
    }
    renderer.closeModelContent();
    return new Rendered(renderer.system, renderer.contents);
  }

  private void add(Item item, String path) {
    switch (item) {
      case Item.Message m -> message(m, path);
      case Item.ToolCall c -> {
        callNames.put(c.id(), c.name());
        ObjectNode call = JsonTrees.object().put("id", c.id()).put("name", c.name());
        call.set("args", arguments(c, path));
        append("model", JsonTrees.object().set("functionCall", call));
      }
      case Item.Reasoning r -> reasoning(r, path);
      case Item.ToolResult r -> toolResult(r, path);
    }
  }

  private void message(Item.Message message, String path) {
    boolean instruction = message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER;
    boolean inPlace = instruction && !contents.isEmpty();
    if (inPlace) {
      dropped.add(path + " (" + message.role().name().toLowerCase() + " role: after the conversation began it "
          + "goes as user text at its place, Gemini having no system role in contents)");
    }
    List<ContentPart> parts = message.content();
    for (int i = 0; i < parts.size(); i++) {
      ContentPart part = parts.get(i);
      String partPath = path + ".content[" + i + "]";
      if (part instanceof ContentPart.Text text && text.text().isEmpty()) {
        continue;
      }
      if (instruction) {
        if (!(part instanceof ContentPart.Text text)) {
          throw GatewayException.invalidRequest("messages", "A " + message.role().name().toLowerCase()
              + " message may hold only text for Gemini (" + partPath + ").");
        }
        if (inPlace) {
          append("user", JsonTrees.object().put("text", text.text()));
        } else {
          system.addObject().put("text", text.text());
        }
        continue;
      }
      String role = message.role() == Role.ASSISTANT ? "model" : "user";
      append(role, switch (part) {
        case ContentPart.Text t -> JsonTrees.object().put("text", t.text());
        case ContentPart.Image image -> {
          if (image.detail().isPresent()) {
            dropped.add(partPath + ".detail");
          }
          yield GeminiMedia.toPart(image.source(), partPath);
        }
        case ContentPart.Document document -> {
          if (document.filename().isPresent()) {
            dropped.add(partPath + ".filename");
          }
          yield GeminiMedia.toPart(document.source(), partPath);
        }
      });
    }
  }

  private void reasoning(Item.Reasoning reasoning, String path) {
    Optional<String> given = reasoning.signature().or(reasoning::encrypted);
    Optional<String> signature = given.flatMap(SignatureOrigin::gemini);
    if (given.isPresent() && signature.isEmpty()) { // Gemini would refuse it, and the conversation with it
      dropped.add(path + " (a thinking signature from another provider: Gemini takes back only its own)");
    }
    if (!reasoning.text().isEmpty()) {
      ObjectNode part = JsonTrees.object().put("text", reasoning.text()).put("thought", true);
      signature.ifPresent(s -> part.put("thoughtSignature", s));
      append("model", part);
    } else if (signature.isPresent()) {
      flushSignature();
      contentOf("model");
      pendingSignature = signature;
    }
  }

  private void toolResult(Item.ToolResult result, String path) {
    String name = callNames.get(result.callId());
    if (name == null) {
      throw GatewayException.invalidRequest("messages", "The tool result for call '" + result.callId()
          + "' answers no earlier tool call in the conversation (" + path + ").");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < result.content().size(); i++) {
      if (result.content().get(i) instanceof ContentPart.Text t) {
        text.append(t.text());
      } else {
        dropped.add(path + ".content[" + i + "] (media: Gemini's function responses carry JSON only)");
      }
    }
    Optional<ObjectNode> object = jsonObject(text.toString());
    ObjectNode response;
    if (result.isError()) {
      response = JsonTrees.object();
      response.set("error", object.isPresent() ? object.get() : JsonTrees.MAPPER.getNodeFactory().textNode(text.toString()));
    } else {
      response = object.orElseGet(() -> JsonTrees.object().put("result", text.toString()));
    }
    ObjectNode functionResponse = JsonTrees.object().put("id", result.callId()).put("name", name);
    functionResponse.set("response", response);
    append("user", JsonTrees.object().set("functionResponse", functionResponse));
  }

  private static Optional<ObjectNode> jsonObject(String text) {
    try {
      JsonNode parsed = JsonTrees.MAPPER.readTree(text);
      return parsed != null && parsed.isObject() ? Optional.of((ObjectNode) parsed) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The arguments as a JSON object; empty arguments (as some clients send them) are {@code {}}. */
  private static JsonNode arguments(Item.ToolCall call, String path) {
    if (call.arguments() == null || call.arguments().isBlank()) {
      return JsonTrees.object();
    }
    return jsonObject(call.arguments()).orElseThrow(() -> GatewayException.invalidRequest("messages",
        "The arguments of tool call '" + call.id() + "' (" + call.name() + ", " + path
            + ") are not a JSON object, which Gemini's functionCall args must be."));
  }

  private void append(String role, ObjectNode part) {
    ArrayNode parts = contentOf(role);
    if (role.equals("model") && pendingSignature.isPresent()) {
      part.put("thoughtSignature", pendingSignature.get());
      pendingSignature = Optional.empty();
    }
    parts.add(part);
  }

  /** A signature no part took yet goes on an empty text part of its own. */
  private void flushSignature() {
    if (pendingSignature.isPresent()) {
      contentOf("model").addObject().put("text", "").put("thoughtSignature", pendingSignature.get());
      pendingSignature = Optional.empty();
    }
  }

  /** The parts of the last content when it is {@code role}'s, else of a new content. */
  private ArrayNode contentOf(String role) {
    if (!contents.isEmpty()) {
      JsonNode last = contents.get(contents.size() - 1);
      if (last.path("role").asText().equals(role)) {
        return (ArrayNode) last.get("parts");
      }
      if (last.path("role").asText().equals("model")) {
        closeModelContent();
      }
    }
    ObjectNode content = contents.addObject().put("role", role);
    return content.putArray("parts");
  }

  /** Ends the last model content: its pending signature placed, its first call signed. */
  private void closeModelContent() {
    if (contents.isEmpty() || !contents.get(contents.size() - 1).path("role").asText().equals("model")) {
      return;
    }
    flushSignature();
    for (JsonNode part : contents.get(contents.size() - 1).get("parts")) {
      if (part.has("functionCall")) {
        if (!part.has("thoughtSignature")) {
          ((ObjectNode) part).put("thoughtSignature", SKIP_SIGNATURE);
        }
        return;
      }
    }
  }
}
