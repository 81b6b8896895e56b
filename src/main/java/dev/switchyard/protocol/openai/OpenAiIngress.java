package dev.switchyard.protocol.openai;

import dev.switchyard.pipeline.ClientRequest;
import dev.switchyard.pipeline.GatewayException;
import dev.switchyard.pipeline.Ingress;
import io.vertx.core.buffer.Buffer;

/** The client side of an OpenAI endpoint: OpenAI bodies in, OpenAI error JSON out. */
public final class OpenAiIngress implements Ingress {
  private final OpenAiEndpoint endpoint;

  public OpenAiIngress(OpenAiEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String endpointName() {
    return endpoint.meteringName();
  }

  @Override
  public ClientRequest parse(byte[] body) {
    return OpenAiRequestParser.parse(endpoint, body);
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return OpenAiErrors.render(error);
  }
}
