package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.Optional;

/**
 * A canonical answer as a Gemini {@code GenerateContentResponse}. Reasoning with text is a thought
 * part (with its signature); a reasoning item with only a signature puts it on the part that
 * follows, or on an empty text part when nothing follows, where Gemini itself puts signatures.
 * Reasoning known only in encrypted form (OpenAI's, Anthropic's redacted thinking) cannot reach
 * a Gemini client and is left out, as is the stop sequence, which Gemini does not report.
 */
public final class CanonicalToGeminiResponse {
  private CanonicalToGeminiResponse() {}

  /** A complete answer, reported under the model name the client asked for. */
  public static byte[] response(ChatResponse response, String requestedModel) {
    ObjectNode body = JsonTrees.object();
    ArrayNode candidates = body.putArray("candidates");
    for (ChatResponse.Candidate candidate : response.candidates()) {
      ObjectNode wire = candidates.addObject();
      ObjectNode content = wire.putObject("content");
      Parts parts = new Parts();
      candidate.items().forEach(parts::add);
      if (!parts.finish().isEmpty()) {
        content.set("parts", parts.parts);
      }
      content.put("role", "model");
      wire.put("finishReason", GeminiFinishReasons.toGemini(candidate.finishReason()));
      wire.put("index", candidate.index());
    }
    response.usage().ifPresent(usage -> body.set("usageMetadata", GeminiUsage.toJson(usage)));
    body.put("modelVersion", requestedModel);
    body.put("responseId", response.id());
    return JsonTrees.bytes(body);
  }

  /** A candidate's parts, with a signature waiting for the part it belongs on. */
  static final class Parts {
    final ArrayNode parts = JsonTrees.MAPPER.createArrayNode();
    private Optional<String> signature = Optional.empty();

    void add(Item item) {
      switch (item) {
        case Item.Message m -> m.content().forEach(this::content);
        case Item.Reasoning r -> reasoning(r);
        case Item.ToolCall c -> add(GeminiAnswerParts.call(c.id(), c.name(), c.arguments()));
        case Item.ToolResult r -> throw GatewayException.badGateway(
            "The upstream answer holds a tool result, which a Gemini answer cannot.");
      }
    }

    private void content(ContentPart part) {
      if (part instanceof ContentPart.Text text) {
        if (!text.text().isEmpty()) {
          add(GeminiAnswerParts.text(text.text()));
        }
      } else {
        add(GeminiAnswerParts.media(part));
      }
    }

    private void reasoning(Item.Reasoning reasoning) {
      Optional<String> signed = reasoning.signature().map(GeminiClientSignatures::toClient);
      if (!reasoning.text().isEmpty()) {
        ObjectNode thought = GeminiAnswerParts.thought(reasoning.text());
        signed.ifPresent(s -> thought.put("thoughtSignature", s));
        add(thought);
      } else if (signed.isPresent()) {
        flushSignature();
        signature = signed;
      }
    }

    /** Adds a part, signing it with the waiting signature unless it carries its own. */
    void add(ObjectNode part) {
      if (signature.isPresent()) {
        if (part.has("thoughtSignature")) {
          flushSignature();
        } else {
          part.put("thoughtSignature", signature.get());
          signature = Optional.empty();
        }
      }
      parts.add(part);
    }

    /** A signature nothing followed goes on an empty text part, as Gemini 3 sends it. */
    private void flushSignature() {
      signature.ifPresent(s -> parts.add(GeminiAnswerParts.text("").put("thoughtSignature", s)));
      signature = Optional.empty();
    }

    ArrayNode finish() {
      flushSignature();
      return parts;
    }
  }
}
