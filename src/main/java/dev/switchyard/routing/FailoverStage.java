package dev.switchyard.routing;

import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Stage;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamFailure;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.translation.Forwarders;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: tries the plan's targets in order until one answers. A target that is
 * unreachable, times out, or answers 429, 5xx or 401/403 (its credential refused) hands the
 * request to the next one; the last target's answer is what the client gets. Failover happens
 * only before anything reaches the client.
 */
public final class FailoverStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverStage.class);

  private final Forwarders forwarders;

  public FailoverStage(Forwarders forwarders) {
    this.forwarders = forwarders;
  }

  @Override
  public Future<Void> apply(Exchange exchange, Chain unused) {
    return attempt(exchange, 0);
  }

  private Future<Void> attempt(Exchange exchange, int index) {
    RouteTarget target = exchange.plan().targets().get(index);
    Provider provider = target.provider();
    Optional<Provider.Credential> credential = provider.nextCredential();
    Forwarder forwarder;
    try {
      forwarder = forwarders.select(exchange.ingress(), provider);
    } catch (GatewayException e) {
      return cannotServe(exchange, index, e);
    }
    return forwarder.prepare(exchange, target, credential).transform(prepared -> {
      if (prepared.failed()) {
        return prepared.cause() instanceof GatewayException e
            ? cannotServe(exchange, index, e) : Future.failedFuture(prepared.cause());
      }
      return send(exchange, index, forwarder, credential, prepared.result());
    });
  }

  /** This target cannot take this request: the next one may. */
  private Future<Void> cannotServe(Exchange exchange, int index, GatewayException e) {
    if (index + 1 < exchange.plan().targets().size()) {
      LOG.info("request {}: {} cannot serve it ({}); trying the next target", exchange.requestId(),
          exchange.plan().targets().get(index).provider().name(), e.getMessage());
      return attempt(exchange, index + 1);
    }
    return Future.failedFuture(e);
  }

  private Future<Void> send(Exchange exchange, int index, Forwarder forwarder,
      Optional<Provider.Credential> credential, UpstreamRequest request) {
    RouteTarget target = exchange.plan().targets().get(index);
    boolean hasNext = index + 1 < exchange.plan().targets().size();
    Provider provider = target.provider();
    if (exchange.clientGone()) {
      return Future.succeededFuture();
    }
    exchange.attempting(target);
    UpstreamCall call = provider.transport().send(provider, request, exchange.upstreamClient());
    exchange.onClientGone(call::cancel);
    exchange.pauseOwnWork();
    return call.response().transform(result -> {
      exchange.resumeOwnWork();
      if (exchange.clientGone()) {
        return Future.succeededFuture();
      }
      if (result.failed()) {
        GatewayException error = asGatewayError(result.cause());
        if (hasNext) {
          LOG.warn("request {}: {} failed ({}); trying the next target", exchange.requestId(), provider.name(),
              error.getMessage());
          return attempt(exchange, index + 1);
        }
        return Future.failedFuture(error);
      }
      UpstreamResponse response = result.result();
      if (hasNext && shouldFailOver(response.status())) {
        LOG.warn("request {}: {} answered HTTP {}; trying the next target", exchange.requestId(), provider.name(),
            response.status());
        discard(response);
        return attempt(exchange, index + 1);
      }
      return forwarder.relay(exchange, target, credential, response);
    });
  }

  static boolean shouldFailOver(int status) {
    return status == 429 || status >= 500 || status == 401 || status == 403 || status == 408;
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

  /** Reads and drops a body we will not relay, so its connection can be reused. */
  private static void discard(UpstreamResponse response) {
    response.body().handler(ignored -> { });
    response.body().exceptionHandler(ignored -> { });
    response.body().endHandler(ignored -> { });
    response.body().resume();
  }
}
