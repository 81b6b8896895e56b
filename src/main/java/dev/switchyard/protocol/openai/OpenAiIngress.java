package dev.switchyard.protocol.openai;

import dev.switchyard.pipeline.ClientRequest;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Ingress;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.translation.ClientCodec;
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
  public ClientRequest parse(byte[] body) {
    return OpenAiRequestParser.parse(endpoint, body);
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return OpenAiErrors.render(error);
  }

  @Override
  public Forwarder passthrough() {
    return PASSTHROUGH;
  }

  @Override
  public Optional<ClientCodec> translation() {
    return translation;
  }
}
