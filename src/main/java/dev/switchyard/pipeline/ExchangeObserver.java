package dev.switchyard.pipeline;

import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;

/**
 * Watches one exchange's answer as it happens, without touching it: metering, metrics, a budget
 * stage settling after the fact. Called on the exchange's event loop; must not block. Passthrough
 * answers are never parsed for an observer: they show their attempts, first byte and end only.
 */
public interface ExchangeObserver {
  /** An attempt at a target begins. */
  default void attemptStarted(Exchange exchange, Attempt attempt) {}

  /** The response head is going to the client: its first byte. */
  default void responseStarted(Exchange exchange, int status) {}

  /** A canonical event of a translated stream, on its way to the client's encoder. */
  default void streamEvent(Exchange exchange, StreamEvent event) {}

  /** A translated complete chat answer, in canonical form, before it is encoded for the client. */
  default void answer(Exchange exchange, ChatResponse answer) {}

  /** The exchange is over: the response is whole, refused, or abandoned by the client. */
  default void completed(Exchange exchange, Completion completion) {}
}
