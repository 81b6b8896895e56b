package dev.switchyard.translation;

import dev.switchyard.canonical.EmbeddingRequest;
import dev.switchyard.canonical.EmbeddingResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/** Embeddings from a client of one protocol on a provider of another, through the canonical form. */
public final class TranslatingEmbeddingsForwarder implements Forwarder {
  private final EmbeddingsIngressCodec ingress;
  private final EmbeddingsEgressCodec egress;

  public TranslatingEmbeddingsForwarder(EmbeddingsIngressCodec ingress, EmbeddingsEgressCodec egress) {
    this.ingress = ingress;
    this.egress = egress;
  }

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    Translation<EmbeddingRequest> canonical = ingress.toCanonical(exchange.clientRequest());
    exchange.droppedFields(canonical.dropped());
    EmbeddingRequest request = canonical.value();
    Translation<byte[]> body = egress.encodeRequest(request, target);
    TranslatedAnswers.announceDropped(exchange, body.dropped());
    return new UpstreamRequest(HttpMethod.POST, egress.path(request, target),
        target.provider().upstreamHeaders(credential, false), Buffer.buffer(body.value()), false);
  }

  @Override
  public Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(exchange, target, upstream, egress::decodeResponse, EmbeddingResponse::usage,
        answer -> ingress.encodeResponse(answer, exchange.clientRequest()));
  }

  /** Embeddings are never streamed; a provider that streams anyway is read whole. */
  @Override
  public Future<Void> relayStream(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    return relayAnswer(exchange, target, upstream);
  }

  @Override
  public Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse upstream) {
    return TranslatedAnswers.relayError(exchange, target, credential, upstream, egress::decodeError);
  }
}
