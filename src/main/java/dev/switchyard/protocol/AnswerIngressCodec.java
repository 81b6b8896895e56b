package dev.switchyard.protocol;

import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.protocol.ClientRequest;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * The client's side of an endpoint with one complete answer and no stream (embeddings, token
 * counts): its request into a canonical {@code R}, a canonical answer {@code A} back out.
 */
public interface AnswerIngressCodec<R, A> {
  /** The request in canonical form; throws a 400 {@code GatewayException} for what cannot be. */
  Translation<R> toCanonical(ClientRequest request);

  /** The answer in the client's format. */
  Buffer encodeAnswer(A answer, ClientRequest request);

  /** What the answer says was used, to meter. */
  default Optional<Usage> usage(A answer) {
    return Optional.empty();
  }
}
