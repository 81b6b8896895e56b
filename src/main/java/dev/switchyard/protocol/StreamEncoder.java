package dev.switchyard.protocol;

import dev.switchyard.canonical.StreamEvent;

/**
 * Turns canonical stream events into a client's stream, writing each event's bytes to the sink it
 * was made with as soon as they are due.
 */
public interface StreamEncoder {
  void accept(StreamEvent event);

  /**
   * No more events will come. If the stream did not end with {@code End} or {@code Failure} (the
   * upstream broke off), the client is told so in its protocol's error event.
   */
  void finish();
}
