package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Gemini {@code GenerateContentResponse} as a canonical response. Consecutive text parts join
 * into one assistant message and consecutive thought parts into one reasoning item (a signature
 * closes it), as a streamed answer accumulates; calls without an id get one from
 * {@link GeminiToolCallIds}. A prompt Gemini blocked before answering is a 400 {@code content_filter}.
 * Citations, grounding, safety ratings, log probabilities and {@code finishMessage} have no
 * canonical place and are not carried.
 */
public final class GeminiResponseToCanonical {
  /** The code of the error for a prompt Gemini refused to answer. */
  static final String CONTENT_FILTER = "content_filter";

  private GeminiResponseToCanonical() {}

  /** An upstream's complete answer. */
  public static ChatResponse response(byte[] body) {
    JsonNode root = JsonTrees.readUpstream(body, "Gemini");
    String responseId = root.path("responseId").asText("");
    JsonNode candidates = root.path("candidates");
    List<ChatResponse.Candidate> answers = new ArrayList<>();
    for (int position = 0; position < candidates.size(); position++) {
      JsonNode candidate = candidates.get(position);
      int index = candidate.path("index").asInt(position);
      Items items = new Items(responseId, index);
      candidate.path("content").path("parts").forEach(part -> GeminiAnswerParts.read(part).forEach(items::add));
      answers.add(new ChatResponse.Candidate(index, items.finish(),
          GeminiFinishReasons.toCanonical(JsonTrees.string(candidate, "finishReason").orElse(null),
              items.calls > 0), Optional.empty()));
    }
    if (answers.isEmpty()) {
      blockReason(root).ifPresent(reason -> {
        throw blocked(reason);
      });
      answers.add(new ChatResponse.Candidate(0, List.of(), FinishReason.OTHER, Optional.empty()));
    }
    Optional<Usage> usage = root.path("usageMetadata").isObject()
        ? Optional.of(GeminiUsage.fromJson(root.get("usageMetadata"))) : Optional.empty();
    return new ChatResponse(responseId, root.path("modelVersion").asText(""), answers, usage);
  }

  /** {@code promptFeedback.blockReason} when Gemini refused the prompt itself. */
  static Optional<String> blockReason(JsonNode root) {
    return JsonTrees.string(root.path("promptFeedback"), "blockReason");
  }

  static String blockedMessage(String reason) {
    return "Gemini blocked the prompt before answering (block reason " + reason + ").";
  }

  private static GatewayException blocked(String reason) {
    return new GatewayException(ErrorKind.INVALID_REQUEST, CONTENT_FILTER, null,
        blockedMessage(reason));
  }

  /** A candidate's items, built piece by piece. */
  private static final class Items {
    private final String responseId;
    private final int candidate;
    private final List<Item> items = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    int calls;

    Items(String responseId, int candidate) {
      this.responseId = responseId;
      this.candidate = candidate;
    }

    void add(GeminiAnswerParts.Piece piece) {
      if (piece instanceof GeminiAnswerParts.Text t) {
        text.append(t.text());
        return;
      }
      flushText();
      switch (piece) {
        case GeminiAnswerParts.Thought t -> thought(t);
        case GeminiAnswerParts.Signature s ->
            items.add(new Item.Reasoning("", Optional.of(s.signature()), Optional.empty()));
        case GeminiAnswerParts.Call c -> items.add(new Item.ToolCall(
            c.id().orElseGet(() -> GeminiToolCallIds.synthesise(responseId, candidate, calls)), c.name(),
            c.arguments()));
        case GeminiAnswerParts.Text t -> throw new AssertionError("handled above");
      }
      if (piece instanceof GeminiAnswerParts.Call) {
        calls++;
      }
    }

    /** A thought continues an unsigned one before it: one reasoning block, as a stream would give. */
    private void thought(GeminiAnswerParts.Thought thought) {
      if (!items.isEmpty() && items.getLast() instanceof Item.Reasoning last && last.signature().isEmpty()
          && last.encrypted().isEmpty()) {
        items.set(items.size() - 1, new Item.Reasoning(last.text() + thought.text(), thought.signature(),
            Optional.empty()));
      } else {
        items.add(new Item.Reasoning(thought.text(), thought.signature(), Optional.empty()));
      }
    }

    private void flushText() {
      if (!text.isEmpty()) {
        items.add(new Item.Message(Role.ASSISTANT, List.of(ContentPart.text(text.toString()))));
        text.setLength(0);
      }
    }

    List<Item> finish() {
      flushText();
      return items;
    }
  }
}
