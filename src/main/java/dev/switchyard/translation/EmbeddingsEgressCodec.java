package dev.switchyard.translation;

import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.routing.RouteTarget;

/** A provider's embedding protocol, seen from translation. */
public interface EmbeddingsEgressCodec {
  /** The path below the provider's base URL. */
  String path(EmbeddingRequest request, RouteTarget target);

  /** The request body, with the fields this provider has no equivalent for. */
  Translation<byte[]> encodeRequest(EmbeddingRequest request, RouteTarget target);

  /** The provider's answer in canonical form. */
  EmbeddingResponse decodeResponse(byte[] body);

  /** An error body from the provider, understood. */
  EgressCodec.UpstreamError decodeError(int status, byte[] body);
}
