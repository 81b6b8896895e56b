package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.EventBytesEncoder;
import dev.switchyard.protocol.JsonTrees;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns canonical stream events into the stream a Gemini client expects: one
 * {@code GenerateContentResponse} chunk per text or thought delta, framed as Server-Sent Events
 * ({@code alt=sse}) or as the elements of one JSON array written as they come (no {@code alt}).
 *
 * <p>Gemini sends a function call whole, so a call is held from its start through its argument
 * fragments and written as one {@code functionCall} part (with its id) when the candidate moves on
 * to something else or finishes; calls started together go out in one chunk. A signature waits for
 * the next part of its candidate (the thought, text or call it belongs to in Gemini's placement), or
 * goes on an empty text part in the last chunk. The finish is held until usage or the end arrives
 * and written as the last chunk, with {@code usageMetadata}. A failure is written as Google's
 * {@code error} object and ends the stream. An encrypted-only reasoning form cannot reach a Gemini
 * client and is left out, as is the stop sequence.
 */
public final class GeminiStreamEncoder extends EventBytesEncoder {
  /** How chunks are put on the wire. */
  public enum Framing {
    /** {@code streamGenerateContent?alt=sse}: {@code data: <chunk>} events. */
    SSE,
    /** {@code streamGenerateContent} without {@code alt}: a JSON array of chunks, streamed. */
    JSON_ARRAY
  }

  private static final byte[] SSE_DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SSE_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.US_ASCII);

  private final String model;
  private final Framing framing;
  private final Map<Integer, Candidate> candidates = new TreeMap<>();
  private String responseId = "";
  private Usage usage;
  private ByteArrayOutputStream out;
  private boolean wroteChunk;
  private boolean finished; // the last chunk, with the finish reasons, is written
  private boolean ended;

  /**
   * @param requestedModel the model name the client asked for, which its stream reports
   * @param sink where each event's bytes go
   */
  public GeminiStreamEncoder(String requestedModel, Framing framing, Consumer<Buffer> sink) {
    super(sink);
    this.model = requestedModel;
    this.framing = framing;
  }

  /** An encoder whose bytes are read event by event from {@link #encode}. */
  GeminiStreamEncoder(String requestedModel, Framing framing) {
    this(requestedModel, framing, bytes -> { });
  }

  @Override
  protected boolean ended() {
    return ended;
  }

  /** The bytes for one canonical event; empty when it adds nothing to the client's stream yet. */
  @Override
  protected byte[] encode(StreamEvent event) {
    out = new ByteArrayOutputStream(256);
    if (ended) {
      return out.toByteArray();
    }
    try {
      switch (event) {
        case StreamEvent.Start s -> {
          responseId = s.id();
          s.usage().ifPresent(u -> usage = u);
        }
        case StreamEvent.TextDelta t -> delta(t.candidate(), GeminiAnswerParts.text(t.text()));
        case StreamEvent.ReasoningDelta r -> delta(r.candidate(), GeminiAnswerParts.thought(r.text()));
        case StreamEvent.ReasoningSignature s -> signature(s);
        case StreamEvent.ToolCallStart c ->
            candidate(c.candidate()).calls.put(c.toolIndex(), new Call(c.id(), c.name()));
        case StreamEvent.ToolCallDelta d -> {
          Call call = candidate(d.candidate()).calls.get(d.toolIndex());
          if (call != null) { // no call started under that index: nothing to add the fragment to
            call.arguments.append(d.argumentsFragment());
          }
        }
        case StreamEvent.Finish f -> candidate(f.candidate()).finish = f.reason();
        case StreamEvent.UsageReport u -> {
          usage = u.usage();
          if (candidates.values().stream().anyMatch(c -> c.finish != null)) {
            lastChunk();
          }
        }
        case StreamEvent.End e -> end();
        case StreamEvent.Failure f -> failure(f.status(), f.message());
      }
    } catch (GatewayException e) { // a call's arguments that are no JSON object
      failure(e.status(), e.getMessage());
    }
    return out.toByteArray();
  }

  private Candidate candidate(int index) {
    return candidates.computeIfAbsent(index, i -> new Candidate());
  }

  /** A text or thought delta, after the calls it ends, in one chunk. */
  private void delta(int index, ObjectNode part) {
    Candidate candidate = candidate(index);
    List<ObjectNode> parts = candidate.takeCalls();
    parts.add(candidate.sign(part));
    write(chunk(index, parts));
  }

  private void signature(StreamEvent.ReasoningSignature s) {
    if (s.signature().isEmpty()) {
      return; // only an encrypted form: Gemini has nowhere to carry it
    }
    Candidate candidate = candidate(s.candidate());
    List<ObjectNode> parts = candidate.takeCalls();
    parts.addAll(candidate.takeSignature());
    if (!parts.isEmpty()) {
      write(chunk(s.candidate(), parts));
    }
    candidate.signature = s.signature().map(GeminiClientSignatures::toClient);
  }

  private void end() {
    if (!finished) {
      lastChunk();
    }
    if (framing == Framing.JSON_ARRAY) {
      out.write(']');
    }
    ended = true;
  }

  /** Every candidate's held calls and signature, its finish reason, and the usage. */
  private void lastChunk() {
    finished = true;
    if (candidates.isEmpty()) {
      candidate(0);
    }
    ObjectNode chunk = JsonTrees.object();
    ArrayNode wire = chunk.putArray("candidates");
    candidates.forEach((index, candidate) -> {
      List<ObjectNode> parts = candidate.takeCalls();
      parts.addAll(candidate.takeSignature());
      if (parts.isEmpty()) {
        parts.add(GeminiAnswerParts.text("")); // as Gemini's own last chunks carry
      }
      ObjectNode answer = candidate(wire, index, parts);
      answer.put("finishReason", GeminiFinishReasons.toGemini(candidate.finish == null ? FinishReason.STOP
          : candidate.finish));
      answer.put("index", index);
    });
    if (usage != null) {
      chunk.set("usageMetadata", GeminiUsage.toJson(usage));
    }
    identify(chunk);
    write(chunk);
  }

  private void failure(int status, String message) {
    write(GeminiErrors.body(status, message));
    if (framing == Framing.JSON_ARRAY) {
      out.write(']');
    }
    ended = true;
  }

  private ObjectNode chunk(int index, List<ObjectNode> parts) {
    ObjectNode chunk = JsonTrees.object();
    candidate(chunk.putArray("candidates"), index, parts).put("index", index);
    identify(chunk);
    return chunk;
  }

  private static ObjectNode candidate(ArrayNode candidates, int index, List<ObjectNode> parts) {
    ObjectNode candidate = candidates.addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addAll(parts);
    content.put("role", "model");
    return candidate;
  }

  private void identify(ObjectNode chunk) {
    chunk.put("modelVersion", model).put("responseId", responseId);
  }

  private void write(ObjectNode chunk) {
    byte[] json = JsonTrees.bytes(chunk);
    if (framing == Framing.SSE) {
      out.writeBytes(SSE_DATA);
      out.writeBytes(json);
      out.writeBytes(SSE_END);
    } else {
      if (wroteChunk) {
        out.writeBytes(ARRAY_NEXT);
      } else {
        out.write('[');
      }
      out.writeBytes(json);
    }
    wroteChunk = true;
  }

  /** One candidate's held state: calls being assembled, a signature waiting, the finish. */
  private static final class Candidate {
    final Map<Integer, Call> calls = new TreeMap<>();
    Optional<String> signature = Optional.empty();
    FinishReason finish;

    /** The held calls as parts, the first signed with the waiting signature. */
    List<ObjectNode> takeCalls() {
      List<ObjectNode> parts = new ArrayList<>();
      for (Call call : calls.values()) {
        parts.add(sign(GeminiAnswerParts.call(call.id, call.name, call.arguments.toString())));
      }
      calls.clear();
      return parts;
    }

    /** The waiting signature on an empty text part, when no part took it. */
    List<ObjectNode> takeSignature() {
      List<ObjectNode> parts = new ArrayList<>(1);
      signature.ifPresent(s -> parts.add(GeminiAnswerParts.text("").put("thoughtSignature", s)));
      signature = Optional.empty();
      return parts;
    }

    ObjectNode sign(ObjectNode part) {
      signature.ifPresent(s -> part.put("thoughtSignature", s));
      signature = Optional.empty();
      return part;
    }
  }

  /** A tool call being assembled from its fragments. */
  private static final class Call {
    final String id;
    final String name;
    final StringBuilder arguments = new StringBuilder();

    Call(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }
}
