package dev.switchyard.translation;

import dev.switchyard.canonical.ChatRequest;
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
 * Token counting across protocols: Claude Code's count_tokens on a Gemini model, Gemini's
 * countTokens on a Claude model. The provider counts; nothing is generated, so nothing is metered.
 */
public final class TranslatingTokenCountForwarder implements Forwarder {
  private final TokenCountIngressCodec ingress;
  private final TokenCountEgressCodec egress;

  public TranslatingTokenCountForwarder(TokenCountIngressCodec ingress, TokenCountEgressCodec egress) {
    this.ingress = ingress;
    this.egress = egress;
  }

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    Translation<ChatRequest> canonical = ingress.toCanonical(exchange.clientRequest());
    exchange.droppedFields(canonical.dropped());
    Translation<byte[]> body = egress.encodeRequest(canonical.value(), target);
    TranslatedAnswers.announceDropped(exchange, body.dropped());
    return new UpstreamRequest(HttpMethod.POST, egress.path(canonical.value(), target),
        target.provider().upstreamHeaders(credential, false), Buffer.buffer(body.value()), false);
  }

  @Override
  public Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(exchange, target, upstream, egress::decodeCount, count -> Optional.empty(),
        count -> ingress.encodeCount(count, exchange.clientRequest()));
  }

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
