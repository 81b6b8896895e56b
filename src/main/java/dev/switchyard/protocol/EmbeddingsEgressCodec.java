package dev.switchyard.protocol;

import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;

/** A provider's embedding protocol, seen from translation. */
public interface EmbeddingsEgressCodec extends AnswerEgressCodec<EmbeddingRequest, EmbeddingResponse> {}
