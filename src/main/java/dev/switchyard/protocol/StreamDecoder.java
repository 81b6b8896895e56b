package dev.switchyard.protocol;

import dev.switchyard.sse.SseEvent;

/**
 * Turns a provider's stream, event by event, into canonical stream events handed to the sink it
 * was made with. Its output always ends with exactly one {@code End} or {@code Failure}.
 */
public interface StreamDecoder {
  /** One Server-Sent Event of the provider's stream. */
  void accept(SseEvent event);

  /**
   * The provider's body ended. A stream whose answer finished (even without its sentinel, as
   * several servers close after the finish) ends normally; one cut off before that fails.
   */
  void finish();
}
