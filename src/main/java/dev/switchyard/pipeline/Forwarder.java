package dev.switchyard.pipeline;

import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Carries one exchange to one kind of upstream and its answer back: a passthrough when both sides
 * speak the same protocol, a translator otherwise. Used once per attempt, since a failover target
 * may speak another protocol.
 */
public interface Forwarder {
  /** The request for one attempt at {@code target}. */
  UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential);

  /**
   * Relays an answer to the client (status below 400, or an error that will not fail over). The
   * future completes when the client's response is complete.
   */
  Future<Void> relay(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse response);
}
