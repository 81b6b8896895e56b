package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.sse.SseEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns a Gemini {@code streamGenerateContent} stream into canonical stream events. Each chunk (an
 * SSE event's data with {@code alt=sse}, or an element of the JSON array without it) is a complete
 * {@code GenerateContentResponse} holding the next parts of each candidate: text parts are text
 * deltas, thought parts reasoning deltas followed by their signature, a signature on any other part
 * a {@link StreamEvent.ReasoningSignature} before that part's events, and a function call — which
 * Gemini sends whole — a {@link StreamEvent.ToolCallStart} and one delta with all its arguments.
 * ({@code FunctionCall.partialArgs}, streamed arguments, exists on Vertex AI only and is not read.)
 *
 * <p>Gemini's stream has no end marker: it ends with the chunk in which every candidate seen has a
 * {@code finishReason}. Then the decoder reports each candidate's finish, the last
 * {@code usageMetadata} seen, and the end. A chunk holding {@code error} fails the stream, and so
 * does a prompt blocked before any answer (400 {@code content_filter}).
 */
public final class GeminiStreamDecoder implements StreamDecoder {
  private final Consumer<StreamEvent> out;
  private final Map<Integer, Candidate> candidates = new TreeMap<>();
  private JsonNode usage;
  private String responseId = "";
  private boolean started;
  private boolean ended;

  public GeminiStreamDecoder(Consumer<StreamEvent> out) {
    this.out = out;
  }

  /** One Server-Sent Event of an {@code alt=sse} stream. */
  @Override
  public void accept(SseEvent event) {
    byte[] data = event.data();
    if (data.length > 0) {
      accept(data);
    }
  }

  /** One chunk's JSON: an SSE event's data, or one element of the JSON-array form. */
  public void accept(byte[] json) {
    if (ended) {
      return;
    }
    JsonNode chunk;
    try {
      chunk = JsonTrees.MAPPER.readTree(json);
    } catch (IOException e) {
      fail(502, "upstream_error", "The Gemini upstream sent a stream chunk that is not JSON.");
      return;
    }
    if (chunk == null || !chunk.isObject()) {
      fail(502, "upstream_error", "The Gemini upstream sent a stream chunk that is not a JSON object.");
      return;
    }
    if (chunk.path("error").isObject()) {
      UpstreamError error = GeminiErrors.inStream(chunk.get("error"));
      fail(error.status(), error.type(), error.message());
      return;
    }
    if (!started) {
      started = true;
      responseId = chunk.path("responseId").asText("");
      out.accept(new StreamEvent.Start(responseId, chunk.path("modelVersion").asText(""), Optional.empty()));
    }
    JsonNode answers = chunk.path("candidates");
    if (answers.isEmpty() && candidates.isEmpty()) {
      Optional<String> blocked = GeminiResponseToCanonical.blockReason(chunk);
      if (blocked.isPresent()) {
        fail(400, GeminiResponseToCanonical.CONTENT_FILTER, GeminiResponseToCanonical.blockedMessage(blocked.get()));
        return;
      }
    }
    for (int position = 0; position < answers.size(); position++) {
      candidate(answers.get(position), position);
    }
    if (chunk.path("usageMetadata").isObject()) {
      usage = chunk.get("usageMetadata");
    }
    if (!candidates.isEmpty() && candidates.values().stream().allMatch(c -> c.finishReason != null)) {
      end();
    }
  }

  /**
   * The upstream body has ended. A stream cut off before every candidate finished fails: Gemini
   * always ends with the finish reasons.
   */
  @Override
  public void finish() {
    if (!ended) {
      ended = true;
      out.accept(StreamEvent.Failure.interrupted("The Gemini stream ended before the answer finished."));
    }
  }

  /** True once the stream finished or failed; false means it was cut short (so far). */
  public boolean ended() {
    return ended;
  }

  private void candidate(JsonNode wire, int position) {
    int index = wire.path("index").asInt(position);
    Candidate candidate = candidates.computeIfAbsent(index, i -> new Candidate());
    for (JsonNode part : wire.path("content").path("parts")) {
      for (GeminiAnswerParts.Piece piece : GeminiAnswerParts.read(part)) {
        piece(index, candidate, piece);
      }
    }
    JsonTrees.string(wire, "finishReason").ifPresent(reason -> candidate.finishReason = reason);
  }

  private void piece(int index, Candidate candidate, GeminiAnswerParts.Piece piece) {
    switch (piece) {
      case GeminiAnswerParts.Text t -> out.accept(new StreamEvent.TextDelta(index, t.text()));
      case GeminiAnswerParts.Thought t -> {
        if (!t.text().isEmpty()) {
          out.accept(new StreamEvent.ReasoningDelta(index, t.text()));
        }
        t.signature().ifPresent(s -> signature(index, s));
      }
      case GeminiAnswerParts.Signature s -> signature(index, s.signature());
      case GeminiAnswerParts.Call c -> {
        int toolIndex = candidate.calls++;
        String id = c.id().orElseGet(() -> GeminiToolCallIds.synthesise(responseId, index, toolIndex));
        out.accept(new StreamEvent.ToolCallStart(index, toolIndex, id, c.name()));
        out.accept(new StreamEvent.ToolCallDelta(index, toolIndex, c.arguments()));
      }
    }
  }

  private void signature(int index, String signature) {
    out.accept(new StreamEvent.ReasoningSignature(index, Optional.of(signature), Optional.empty()));
  }

  private void end() {
    ended = true;
    candidates.forEach((index, candidate) -> out.accept(new StreamEvent.Finish(index,
        GeminiFinishReasons.toCanonical(candidate.finishReason, candidate.calls > 0), Optional.empty())));
    if (usage != null) {
      out.accept(new StreamEvent.UsageReport(GeminiUsage.fromJson(usage)));
    }
    out.accept(new StreamEvent.End());
  }

  private void fail(int status, String type, String message) {
    ended = true;
    out.accept(new StreamEvent.Failure(status, type, message));
  }

  /** What the stream said so far about one candidate. */
  private static final class Candidate {
    int calls;
    String finishReason;
  }
}
