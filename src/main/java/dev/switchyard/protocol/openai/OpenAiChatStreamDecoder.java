package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.sse.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OpenAI {@code chat.completion.chunk} events to canonical stream events: the first chunk starts
 * the answer, {@code content} (and {@code refusal}, which is text to other protocols) is text,
 * {@code reasoning_content} or {@code reasoning} is reasoning, a signed or encrypted entry of
 * {@code thinking_blocks} or {@code reasoning_details} closes a reasoning block (their text repeats
 * the plain field's and is not read), {@code tool_calls} deltas start and continue tool calls by
 * {@code index}, {@code finish_reason} finishes a candidate, the last {@code usage} object (or Groq's
 * {@code x_groq.usage}) is reported before the end, {@code [DONE]} ends, and an {@code error}
 * object fails.
 */
public final class OpenAiChatStreamDecoder implements StreamDecoder {
  private final Consumer<StreamEvent> out;
  /** Per candidate, the tool call indexes already started. */
  private final Map<Integer, Set<Integer>> startedCalls = new HashMap<>();
  private Usage usage;
  private boolean started;
  private boolean finishedAny;
  private boolean ended;

  public OpenAiChatStreamDecoder(Consumer<StreamEvent> out) {
    this.out = out;
  }

  @Override
  public void accept(SseEvent event) {
    if (ended || event.data().length == 0) {
      return; // after the end, or a comment or keep-alive
    }
    if (event.isDone()) {
      emitEnd();
      return;
    }
    JsonNode chunk;
    try {
      chunk = OpenAiChatToCanonical.JSON.readTree(event.data());
    } catch (IOException e) {
      fail(502, "upstream_error", "The upstream stream sent an event that is not JSON.");
      return;
    }
    if (chunk.path("error").isObject()) {
      JsonNode error = chunk.path("error");
      fail(statusOf(error), error.path("type").asText("upstream_error"),
          error.path("message").asText("The upstream stream reported an error."));
      return;
    }
    if (!started) {
      started = true;
      out.accept(new StreamEvent.Start(chunk.path("id").asText(""), chunk.path("model").asText(""),
          Optional.empty()));
    }
    for (JsonNode choice : chunk.path("choices")) {
      choice(choice);
    }
    OpenAiUsage.scan(event.data()).usage().ifPresent(u -> usage = u);
  }

  /**
   * The upstream body has ended. A stream that finished its answer but sent no {@code [DONE]}
   * (some compatible servers) ends normally; one cut off before that fails.
   */
  @Override
  public void finish() {
    if (ended) {
      return;
    }
    if (finishedAny) {
      emitEnd();
    } else {
      ended = true;
      out.accept(StreamEvent.Failure.interrupted("The upstream stream ended before its answer finished."));
    }
  }

  private void choice(JsonNode choice) {
    int candidate = choice.path("index").asInt(0);
    JsonNode delta = choice.path("delta");
    text(delta, OpenAiReasoningFields.CONTENT).or(() -> text(delta, "reasoning"))
        .ifPresent(t -> out.accept(new StreamEvent.ReasoningDelta(candidate, t)));
    signatures(candidate, delta.path(OpenAiReasoningFields.BLOCKS));
    signatures(candidate, delta.path("reasoning_details"));
    text(delta, "content").ifPresent(t -> out.accept(new StreamEvent.TextDelta(candidate, t)));
    text(delta, "refusal").ifPresent(t -> out.accept(new StreamEvent.TextDelta(candidate, t)));
    JsonNode calls = delta.path("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      toolCall(candidate, call.path("index").asInt(i), call.path("id"), call.path("function"));
    }
    if (delta.path("function_call").isObject()) { // the legacy form: one call, index 0
      toolCall(candidate, 0, delta.path("id"), delta.path("function_call"));
    }
    JsonNode reason = choice.path("finish_reason");
    if (reason.isTextual()) {
      finishedAny = true;
      out.accept(new StreamEvent.Finish(candidate, OpenAiFinishReasons.fromOpenAi(reason.asText()),
          Optional.empty()));
    }
  }

  private void signatures(int candidate, JsonNode blocks) {
    for (JsonNode block : blocks) {
      Optional<String> signature = text(block, "signature");
      Optional<String> encrypted = text(block, "data");
      if (signature.isPresent() || encrypted.isPresent()) {
        out.accept(new StreamEvent.ReasoningSignature(candidate, signature, encrypted));
      }
    }
  }

  private void toolCall(int candidate, int index, JsonNode id, JsonNode function) {
    if (startedCalls.computeIfAbsent(candidate, c -> new HashSet<>()).add(index)) {
      // Every compatible server sends id and name first; one that does not still gets a call.
      String callId = id.isTextual() ? id.asText() : "call_" + candidate + "_" + index;
      out.accept(new StreamEvent.ToolCallStart(candidate, index, callId, function.path("name").asText("")));
    }
    text(function, "arguments")
        .ifPresent(a -> out.accept(new StreamEvent.ToolCallDelta(candidate, index, a)));
  }

  /** The last usage seen goes out once, just before the end, as canonical streams order it. */
  private void emitEnd() {
    ended = true;
    if (usage != null) {
      out.accept(new StreamEvent.UsageReport(usage));
    }
    out.accept(new StreamEvent.End());
  }

  private void fail(int status, String type, String message) {
    ended = true;
    out.accept(new StreamEvent.Failure(status, type, message));
  }

  /** The HTTP status an error event stands for: its numeric code if it has one, else by type. */
  private static int statusOf(JsonNode error) {
    JsonNode code = error.path("code");
    if (code.isInt() && code.asInt() >= 400 && code.asInt() <= 599) {
      return code.asInt();
    }
    return OpenAiErrors.status(error.path("type").asText(""));
  }

  /** A non-empty string field; empty strings and nulls carry nothing in a delta. */
  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
  }
}
