package dev.switchyard.pipeline;

import io.vertx.core.buffer.Buffer;

/**
 * The client-facing side of one endpoint: how its bodies are parsed and its errors rendered, so a
 * rejection from any stage reaches the client in its own protocol.
 */
public interface Ingress {
  /** The endpoint's name in metering records, such as {@code chat.completions}. */
  String endpointName();

  /** Parses and validates a body; throws {@link GatewayException} (400) when it is unusable. */
  ClientRequest parse(byte[] body);

  /** The error body in this protocol's shape; always JSON. */
  Buffer renderError(GatewayException error);
}
