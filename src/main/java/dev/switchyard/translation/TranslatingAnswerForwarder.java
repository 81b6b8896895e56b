package dev.switchyard.translation;

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

/**
 * An endpoint with one complete answer — embeddings, token counts — from a client of one protocol
 * on a provider of another, through the canonical form: request {@code R}, answer {@code A}.
 */
public final class TranslatingAnswerForwarder<R, A> implements Forwarder {
  private final AnswerIngressCodec<R, A> ingress;
  private final AnswerEgressCodec<R, A> egress;

  public TranslatingAnswerForwarder(AnswerIngressCodec<R, A> ingress, AnswerEgressCodec<R, A> egress) {
    this.ingress = ingress;
    this.egress = egress;
  }

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    Translation<R> canonical = ingress.toCanonical(exchange.clientRequest());
    exchange.droppedFields(canonical.dropped());
    Translation<byte[]> body = egress.encodeRequest(canonical.value(), target);
    TranslatedAnswers.announceDropped(exchange, body.dropped());
    return new UpstreamRequest(HttpMethod.POST, egress.path(canonical.value(), target),
        target.provider().upstreamHeaders(credential, false), Buffer.buffer(body.value()), false);
  }

  @Override
  public Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(exchange, target, upstream, egress::decodeAnswer, ingress::usage,
        answer -> ingress.encodeAnswer(answer, exchange.clientRequest()));
  }

  /** These endpoints are never streamed; a provider that streams anyway is read whole. */
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
