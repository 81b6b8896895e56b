package dev.switchyard.protocol;

import java.util.Optional;

/** A client's request as its ingress protocol parsed it: what routing and metering need to know. */
public interface ClientRequest {
  String model();

  boolean stream();

  /**
   * The end user the client names in its body (OpenAI's {@code user}, Anthropic's
   * {@code metadata.user_id}), if any. Read only when asked (an experiment's stickiness), so the
   * body is not parsed for it on every request.
   */
  default Optional<String> endUser() {
    return Optional.empty();
  }
}
