package dev.switchyard.canonical;

import java.util.Optional;

/**
 * One step of a streamed answer in canonical form. A stream decoder turns a provider's events into
 * these; a stream encoder turns them into the client's events, keeping whatever state its protocol
 * needs (open content blocks, tool-call indexes). Order: {@link Start}, then deltas, then
 * {@link Finish}, then at most one {@link UsageReport}, then {@link End}; or {@link Failure} at any
 * point, which ends the stream.
 */
public sealed interface StreamEvent {

  /** The answer begins; some providers report input usage here already. */
  record Start(String id, String model, Optional<Usage> usage) implements StreamEvent {}

  /** A piece of the answer's text. */
  record TextDelta(int candidate, String text) implements StreamEvent {}

  /** A piece of the model's visible reasoning. */
  record ReasoningDelta(int candidate, String text) implements StreamEvent {}

  /** The signature (or opaque encrypted form) that closes a reasoning block. */
  record ReasoningSignature(int candidate, Optional<String> signature, Optional<String> encrypted)
      implements StreamEvent {}

  /**
   * A tool call begins. {@code toolIndex} counts tool calls within the candidate from 0, as
   * OpenAI's {@code tool_calls[].index} does.
   */
  record ToolCallStart(int candidate, int toolIndex, String id, String name) implements StreamEvent {}

  /** A fragment of a tool call's JSON arguments; the fragments concatenated are the arguments. */
  record ToolCallDelta(int candidate, int toolIndex, String argumentsFragment) implements StreamEvent {}

  /** A candidate is complete. */
  record Finish(int candidate, FinishReason reason, Optional<String> stopSequence) implements StreamEvent {}

  /** Usage of the whole answer (cumulative: a later report replaces an earlier one). */
  record UsageReport(Usage usage) implements StreamEvent {}

  /** The stream ends normally. */
  record End() implements StreamEvent {}

  /**
   * The provider reported an error mid-stream, or the stream broke off before its end.
   *
   * @param status the HTTP status the error would have had, for protocols that carry one
   * @param type the provider's name for the error, or {@link #INTERRUPTED}
   */
  record Failure(int status, String type, String message) implements StreamEvent {
    /** The type of a failure no provider reported: the stream ended before its final event. */
    public static final String INTERRUPTED = "stream_interrupted";

    /** The stream broke off, or ended, before its answer was whole. */
    public static Failure interrupted(String message) {
      return new Failure(502, INTERRUPTED, message);
    }

    public boolean isInterruption() {
      return INTERRUPTED.equals(type);
    }
  }
}
