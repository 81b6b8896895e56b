package dev.switchyard.protocol;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.provider.UpstreamTarget;
import java.util.function.Consumer;

/** A provider's chat protocol, seen from translation: canonical requests out, its answers back in. */
public interface ChatEgressCodec {
  /** The path below the provider's base URL, such as {@code /v1/messages}, with any query. */
  String path(ChatRequest request, UpstreamTarget target);

  /**
   * The request body for {@code target}'s provider, naming its upstream model where the body
   * carries it, with the request fields this provider has no equivalent for.
   */
  Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target);

  /**
   * Whether {@code target}'s provider fetches this image or document (given by an http(s) URL)
   * itself; where it does not, Switchyard fetches it if the operator allows, else refuses the request.
   */
  default boolean takesUrl(ContentPart part, UpstreamTarget target) {
    return true;
  }

  /** A complete answer from the provider in canonical form. */
  ChatResponse decodeResponse(byte[] body);

  /** A decoder turning the provider's stream events into canonical ones, handed to {@code out}. */
  StreamDecoder newStreamDecoder(Consumer<StreamEvent> out);

  /** An error body from the provider, understood: what to tell the client. */
  UpstreamError decodeError(int status, byte[] body);
}
