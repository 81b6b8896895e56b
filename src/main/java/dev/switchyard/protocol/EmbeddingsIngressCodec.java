package dev.switchyard.protocol;

import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Usage;
import java.util.Optional;

/** The client's embedding protocol, seen from translation. */
public non-sealed interface EmbeddingsIngressCodec
    extends ClientCodec, AnswerIngressCodec<EmbeddingRequest, EmbeddingResponse> {

  @Override
  default Optional<Usage> usage(EmbeddingResponse answer) {
    return answer.usage();
  }
}
