package dev.switchyard.translation;

import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.ClientRequest;
import io.vertx.core.buffer.Buffer;

/** The client's embedding protocol, seen from translation. */
public non-sealed interface EmbeddingsIngressCodec extends ClientCodec {
  /** The client's request in canonical form; throws a 400 {@code GatewayException} for what cannot be. */
  Translation<EmbeddingRequest> toCanonical(ClientRequest request);

  /** The answer in the client's format. */
  Buffer encodeResponse(EmbeddingResponse response, ClientRequest request);
}
