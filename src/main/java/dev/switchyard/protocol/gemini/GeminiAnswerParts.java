package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.SignatureOrigin;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a Gemini answer ({@code candidates[].content.parts}), read into the pieces the
 * decoders turn into canonical items or events, and written from canonical content. The whole
 * and the streamed decoding read parts here alike, so they agree.
 *
 * <p>A {@code thoughtSignature} on a part that is not a thought comes out as a {@link Signature}
 * piece before that part's own piece: canonically it is a reasoning item with only a signature,
 * placed just before the text or call it was on. Code the model ran on Gemini's servers
 * ({@code executableCode}, {@code codeExecutionResult}) becomes text in fenced blocks; generated
 * media ({@code inlineData}, {@code fileData}) has no canonical place in an answer and is skipped
 * with a warning in the log.
 */
final class GeminiAnswerParts {
  private static final Logger LOG = LoggerFactory.getLogger(GeminiAnswerParts.class);

  private GeminiAnswerParts() {}

  /** What one part of an answer says. */
  sealed interface Piece {}

  /** The signature of a part that is not a thought; it precedes that part's piece. */
  record Signature(String signature) implements Piece {}

  record Text(String text) implements Piece {}

  record Thought(String text, Optional<String> signature) implements Piece {}

  /** A function call; {@code arguments} is compact JSON, {@code {}} when Gemini gave none. */
  record Call(Optional<String> id, String name, String arguments) implements Piece {}

  static List<Piece> read(JsonNode part) {
    Optional<String> signature = JsonTrees.string(part, "thoughtSignature").filter(s -> !s.isEmpty())
        .map(SignatureOrigin::fromGemini); // marked as Gemini's, so no other provider is handed it
    if (part.path("thought").asBoolean(false)) {
      return List.of(new Thought(part.path("text").asText(""), signature));
    }
    List<Piece> pieces = new ArrayList<>(2);
    signature.ifPresent(s -> pieces.add(new Signature(s)));
    if (part.has("text")) {
      String text = part.path("text").asText("");
      if (!text.isEmpty()) { // Gemini 3 sends empty text parts only to carry a signature
        pieces.add(new Text(text));
      }
    } else if (part.has("functionCall")) {
      JsonNode call = part.get("functionCall");
      JsonNode args = call.path("args");
      pieces.add(new Call(JsonTrees.string(call, "id").filter(id -> !id.isEmpty()),
          call.path("name").asText(""), args.isObject() ? JsonTrees.text(args) : "{}"));
    } else if (part.has("executableCode")) {
      JsonNode code = part.get("executableCode");
      pieces.add(new Text(fenced(code.path("language").asText("").toLowerCase(Locale.ROOT)
          .replace("language_unspecified", ""), code.path("code").asText(""))));
    } else if (part.has("codeExecutionResult")) {
      pieces.add(new Text(fenced("", part.get("codeExecutionResult").path("output").asText(""))));
    } else {
      String kind = part.fieldNames().hasNext() ? part.fieldNames().next() : "empty";
      LOG.warn("a Gemini answer part of kind '{}' has no canonical equivalent and was skipped", kind);
    }
    return pieces;
  }

  private static String fenced(String language, String body) {
    return "\n```" + language + "\n" + body + (body.endsWith("\n") ? "" : "\n") + "```\n";
  }

  static ObjectNode text(String text) {
    return JsonTrees.object().put("text", text);
  }

  static ObjectNode thought(String text) {
    return JsonTrees.object().put("text", text).put("thought", true);
  }

  /** A function call part with its {@code id}, so Gemini clients echo it in {@code functionResponse.id}. */
  static ObjectNode call(String id, String name, String arguments) {
    ObjectNode call = JsonTrees.object();
    if (id != null && !id.isEmpty()) {
      call.put("id", id);
    }
    call.put("name", name).set("args", arguments(id, name, arguments));
    ObjectNode part = JsonTrees.object();
    part.set("functionCall", call);
    return part;
  }

  /** An image or document in an answer; inline bytes stay inline, anything else is referred to by URI. */
  static ObjectNode media(ContentPart part) {
    MediaSource source = switch (part) {
      case ContentPart.Image image -> image.source();
      case ContentPart.Document document -> document.source();
      case ContentPart.Text text -> throw new IllegalArgumentException("text is not media");
    };
    ObjectNode wire = JsonTrees.object();
    switch (source) {
      case MediaSource.Base64 b -> wire.putObject("inlineData").put("mimeType", b.mediaType()).put("data", b.data());
      case MediaSource.Url u -> wire.putObject("fileData").put("fileUri", u.url());
      case MediaSource.FileId f -> wire.putObject("fileData").put("fileUri", f.id());
    }
    return wire;
  }

  /** An upstream model's arguments as Gemini's {@code args} object; anything else is the upstream's fault. */
  private static JsonNode arguments(String id, String name, String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return JsonTrees.object();
    }
    try {
      JsonNode args = JsonTrees.MAPPER.readTree(arguments);
      if (args != null && args.isObject()) {
        return args;
      }
    } catch (IOException e) {
      // reported below
    }
    throw GatewayException.badGateway("The upstream model's arguments for tool call '" + id + "' (" + name
        + ") are not a JSON object.");
  }
}
