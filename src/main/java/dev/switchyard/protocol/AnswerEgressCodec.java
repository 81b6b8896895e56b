package dev.switchyard.protocol;

import dev.switchyard.canonical.Translation;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.provider.UpstreamTarget;

/** A provider's side of an endpoint with one complete answer: canonical {@code R} out, its answer in as {@code A}. */
public interface AnswerEgressCodec<R, A> {
  /** The path below the provider's base URL. */
  String path(R request, UpstreamTarget target);

  /** The request body, with what this provider has no place for. */
  Translation<byte[]> encodeRequest(R request, UpstreamTarget target);

  /** The provider's answer in canonical form. */
  A decodeAnswer(byte[] body);

  /** An error body from the provider, understood. */
  UpstreamError decodeError(int status, byte[] body);
}
