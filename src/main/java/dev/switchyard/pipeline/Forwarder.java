package dev.switchyard.pipeline;

import dev.switchyard.error.GatewayException;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Carries one exchange to one kind of upstream and its answer back: a passthrough when both sides
 * speak the same protocol, a translator otherwise. Used once per attempt, since a failover target
 * may speak another protocol. Each relay method's future completes when the client's response is
 * complete (or fails with the error to answer).
 */
public interface Forwarder {
  /** The request for one attempt at {@code target}. */
  UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential);

  /**
   * The request for one attempt, once anything it needs first is ready (a translator may have to
   * fetch media the provider cannot fetch itself); fails with a {@link GatewayException} when this
   * target cannot take the request.
   */
  default Future<UpstreamRequest> prepare(Exchange exchange, RouteTarget target,
      Optional<Provider.Credential> credential) {
    try {
      return Future.succeededFuture(request(exchange, target, credential));
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
  }

  /** Relays an answer that will not fail over: an error, a stream, or a complete answer. */
  default Future<Void> relay(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse response) {
    if (response.status() >= 400) {
      return relayError(exchange, target, credential, response);
    }
    String contentType = response.headers().get("content-type");
    if (exchange.clientRequest().stream() && contentType != null && contentType.startsWith("text/event-stream")) {
      return relayStream(exchange, target, response);
    }
    return relayAnswer(exchange, target, response);
  }

  /** An error status (400 and above) from the provider. */
  Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse response);

  /** A streamed answer to a streaming request. */
  Future<Void> relayStream(Exchange exchange, RouteTarget target, UpstreamResponse response);

  /** A complete answer. */
  Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse response);
}
