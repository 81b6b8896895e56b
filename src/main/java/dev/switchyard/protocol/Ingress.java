package dev.switchyard.protocol;

import dev.switchyard.error.GatewayException;
import dev.switchyard.provider.WireProtocol;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * The client-facing side of one endpoint: how its requests are parsed and its errors rendered, so a
 * rejection from any stage reaches the client in its own protocol; and the codecs by which it
 * reaches providers — passing through to those that speak its protocol, translating for the others
 * where it can.
 */
public interface Ingress {
  /** The endpoint's name in metering records, such as {@code chat.completions}. */
  String endpointName();

  /** The protocol the client speaks. */
  WireProtocol protocol();

  /**
   * Parses and validates a request; throws {@link GatewayException} (400) when it is unusable.
   * Most protocols need only the body; Gemini's model and streaming live in the URL.
   */
  ClientRequest parse(RequestHead head, byte[] body);

  /** The error body in this protocol's shape; always JSON. */
  Buffer renderError(GatewayException error);

  /** How requests reach a provider that speaks {@link #protocol()}. */
  PassthroughCodec passthrough();

  /**
   * The client's side of translating this endpoint's requests for other providers (chat,
   * embeddings or token counting); empty when this endpoint has no translation.
   */
  Optional<ClientCodec> translation();
}
