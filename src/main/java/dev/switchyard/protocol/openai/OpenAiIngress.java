package dev.switchyard.protocol.openai;

import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ClientCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.protocol.RequestHead;
import dev.switchyard.provider.WireProtocol;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.Optional;

/** The client side of an OpenAI endpoint: OpenAI bodies in, OpenAI error JSON out. */
public final class OpenAiIngress implements Ingress {
  private static final OpenAiPassthrough PASSTHROUGH = new OpenAiPassthrough();

  private final OpenAiEndpoint endpoint;
  private final Optional<ClientCodec> translation;

  private OpenAiIngress(OpenAiEndpoint endpoint, ClientCodec translation) {
    this.endpoint = endpoint;
    this.translation = Optional.of(translation);
  }

  /** Chat completions: passthrough to OpenAI-speaking providers, translated for the others. */
  public static OpenAiIngress chatCompletions(Clock clock) {
    return new OpenAiIngress(OpenAiEndpoint.CHAT_COMPLETIONS, new OpenAiChatIngressCodec(clock));
  }

  /** Embeddings: passthrough to OpenAI-speaking providers, translated for Gemini. */
  public static OpenAiIngress embeddings() {
    return new OpenAiIngress(OpenAiEndpoint.EMBEDDINGS, new OpenAiEmbeddingsIngressCodec());
  }

  @Override
  public String endpointName() {
    return endpoint.meteringName();
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.OPENAI;
  }

  @Override
  public ClientRequest parse(RequestHead head, byte[] body) {
    return OpenAiRequestParser.parse(endpoint, body);
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return OpenAiErrors.render(error);
  }

  @Override
  public PassthroughCodec passthrough() {
    return PASSTHROUGH;
  }

  @Override
  public Optional<ClientCodec> translation() {
    return translation;
  }
}
