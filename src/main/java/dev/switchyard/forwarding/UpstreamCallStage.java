package dev.switchyard.forwarding;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.AttemptChain;
import dev.switchyard.pipeline.AttemptResult;
import dev.switchyard.pipeline.AttemptStage;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamFailure;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every attempt: the call itself. Picks the forwarder for the protocol pair, has
 * it prepare the request, sends it over the provider's transport (abandoned if the client goes),
 * and either relays the answer or — when the provider failed in a way another target may not, and
 * the attempt may fail over — drops it unread and reports the attempt unanswered.
 */
final class UpstreamCallStage implements AttemptStage {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamCallStage.class);

  private final Forwarders forwarders;
  private final Translations translations;

  /** @param translations the request's translations, shared by its attempts */
  UpstreamCallStage(Forwarders forwarders, Translations translations) {
    this.forwarders = forwarders;
    this.translations = translations;
  }

  @Override
  public Future<AttemptResult> apply(Attempt attempt, AttemptChain chain) {
    Exchange exchange = chain.exchange();
    AttemptContext context = new AttemptContext(exchange, chain.request(), attempt, translations,
        forwarders.limits());
    Forwarder forwarder;
    Future<UpstreamRequest> prepared;
    try {
      forwarder = forwarders.select(chain.request().ingress(), attempt.provider());
      prepared = forwarder.prepare(context);
    } catch (GatewayException e) { // this target cannot take this request
      return Future.succeededFuture(new AttemptResult.Unanswered(e));
    }
    return prepared.transform(request -> {
      if (request.failed()) {
        return request.cause() instanceof GatewayException e
            ? Future.succeededFuture(new AttemptResult.Unanswered(e)) : Future.failedFuture(request.cause());
      }
      return call(context, forwarder, request.result());
    });
  }

  private Future<AttemptResult> call(AttemptContext context, Forwarder forwarder, UpstreamRequest request) {
    Exchange exchange = context.exchange();
    Attempt attempt = context.attempt();
    if (exchange.clientGone()) {
      return Future.succeededFuture(cancelled(attempt));
    }
    Provider provider = attempt.provider();
    UpstreamCall call = provider.transport().send(provider, request, exchange.upstreamClient());
    exchange.onClientGone(call::cancel);
    attempt.onStop(call::cancel);
    exchange.pauseOwnWork();
    return call.response().transform(result -> {
      exchange.resumeOwnWork();
      if (exchange.clientGone()) {
        if (result.succeeded()) {
          FailoverStage.discard(result.result());
        }
        return Future.succeededFuture(cancelled(attempt));
      }
      if (result.failed()) {
        return Future.succeededFuture(new AttemptResult.Unanswered(asGatewayError(result.cause())));
      }
      UpstreamResponse response = result.result();
      attempt.responded(response.status());
      Optional<Duration> retryAfter = RetryAfter.parse(response.headers().get("retry-after"));
      if (attempt.triesAgainAfter(response.status(), retryAfter)) {
        FailoverStage.discard(response);
        GatewayException dropped = GatewayException.badGateway(
            "Provider '" + provider.name() + "' answered HTTP " + response.status() + ".");
        return Future.succeededFuture(new AttemptResult.Unanswered(retryAfter.map(dropped::withRetryAfter)
            .orElse(dropped)));
      }
      return relay(context, forwarder, response);
    });
  }

  /**
   * The answer goes to the client; a relay that fails before writing a byte leaves the attempt
   * unanswered. However steadily it trickles, an answer is cut at {@code max_stream_duration}.
   */
  private static Future<AttemptResult> relay(AttemptContext context, Forwarder forwarder, UpstreamResponse response) {
    Duration longest = context.limits().maxStreamDuration();
    Vertx vertx = Vertx.currentContext().owner();
    long deadline = vertx.setTimer(longest.toMillis(), ignored -> {
      LOG.warn("request {}: the answer from {} passed server.limits.max_stream_duration ({} s); cut off",
          context.exchange().requestId(), context.provider().name(), longest.toSeconds());
      context.attempt().stop(new GatewayException(ErrorKind.TIMEOUT, "stream_too_long", null,
          "The answer took longer than this gateway's limit of " + longest.toSeconds()
              + " s (server.limits.max_stream_duration)."));
    });
    return forwarder.relay(context, response).onComplete(ignored -> vertx.cancelTimer(deadline)).transform(relayed -> {
      if (relayed.succeeded()) {
        return Future.succeededFuture(new AttemptResult.Answered(relayed.result()));
      }
      Optional<GatewayException> stopped = context.attempt().stoppedBy();
      if (stopped.isPresent() && !context.exchange().response().headWritten()) { // the gateway's own limit: no failover
        context.exchange().fail(stopped.get());
        return Future.succeededFuture(new AttemptResult.Answered(
            context.attempt().served(Outcome.INTERRUPTED, stopped.get().status())));
      }
      if (relayed.cause() instanceof GatewayException e && !context.exchange().response().headWritten()) {
        return Future.succeededFuture(new AttemptResult.Unanswered(e));
      }
      return Future.failedFuture(relayed.cause());
    });
  }

  private static AttemptResult cancelled(Attempt attempt) {
    return new AttemptResult.Answered(attempt.served(Outcome.CLIENT_CANCELLED, ErrorKind.CANCELLED.status()));
  }

  private static GatewayException asGatewayError(Throwable failure) {
    if (failure instanceof UpstreamFailure upstream) {
      return upstream.isTimeout()
          ? GatewayException.gatewayTimeout(upstream.getMessage())
          : GatewayException.badGateway(upstream.getMessage());
    }
    if (failure instanceof GatewayException gateway) {
      return gateway;
    }
    return GatewayException.badGateway("The upstream call failed: " + failure.getClass().getSimpleName());
  }
}
