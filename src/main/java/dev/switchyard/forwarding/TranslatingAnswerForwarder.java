package dev.switchyard.forwarding;

import dev.switchyard.canonical.Translation;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.protocol.AnswerEgressCodec;
import dev.switchyard.protocol.AnswerIngressCodec;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * An endpoint with one complete answer — embeddings, token counts — from a client of one protocol
 * on a provider of another, through the canonical form: request {@code R}, answer {@code A}.
 */
final class TranslatingAnswerForwarder<R, A> implements Forwarder {
  private final AnswerIngressCodec<R, A> ingress;
  private final AnswerEgressCodec<R, A> egress;

  TranslatingAnswerForwarder(AnswerIngressCodec<R, A> ingress, AnswerEgressCodec<R, A> egress) {
    this.ingress = ingress;
    this.egress = egress;
  }

  @Override
  public Future<UpstreamRequest> prepare(AttemptContext context) {
    Translation<R> canonical = context.translations().canonical(() -> ingress.toCanonical(context.client()));
    Translation<byte[]> body = egress.encodeRequest(canonical.value(), context.target());
    TranslatedAnswers.announceDropped(context, canonical, body.dropped());
    return Future.succeededFuture(new UpstreamRequest(HttpMethod.POST, egress.path(canonical.value(),
        context.target()), context.provider().upstreamHeaders(context.attempt().credential(), false),
        Buffer.buffer(body.value()), false));
  }

  @Override
  public Future<Completion> relayAnswer(AttemptContext context, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(context, upstream, egress::decodeAnswer, ingress::usage, answer -> { },
        answer -> ingress.encodeAnswer(answer, context.client()));
  }

  /** These endpoints are never streamed; a provider that streams anyway is read whole. */
  @Override
  public Future<Completion> relayStream(AttemptContext context, UpstreamResponse upstream) {
    return relayAnswer(context, upstream);
  }

  @Override
  public Future<Completion> relayError(AttemptContext context, UpstreamResponse upstream) {
    return TranslatedAnswers.relayError(context, upstream, egress::decodeError);
  }
}
