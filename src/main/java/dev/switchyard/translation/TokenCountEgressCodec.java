package dev.switchyard.translation;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.routing.RouteTarget;

/** A provider's token-counting method, seen from translation. */
public interface TokenCountEgressCodec {
  String path(ChatRequest request, RouteTarget target);

  /** The counting request for the provider, with what it has no place for. */
  Translation<byte[]> encodeRequest(ChatRequest request, RouteTarget target);

  /** The input tokens the provider counted. */
  long decodeCount(byte[] body);

  EgressCodec.UpstreamError decodeError(int status, byte[] body);
}
