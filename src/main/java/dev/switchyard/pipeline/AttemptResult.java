package dev.switchyard.pipeline;

import dev.switchyard.error.GatewayException;

/** What one attempt came to: an answer the client got, or none, so that another target may try. */
public sealed interface AttemptResult {

  /** The attempt's answer (an error, maybe) went to the client: the exchange is over. */
  record Answered(Completion completion) implements AttemptResult {}

  /** Nothing reached the client; {@code error} is what it gets if no other target answers. */
  record Unanswered(GatewayException error) implements AttemptResult {}
}
