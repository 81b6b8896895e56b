package dev.switchyard.pipeline;

import io.vertx.core.Future;

/**
 * One step of the request pipeline (authentication, routing, limits, the upstream call...). A stage
 * either rejects the exchange by failing with a {@link GatewayException}, or calls
 * {@link Chain#proceed} and may act on the outcome. The returned future completes when the exchange
 * is over, the response written whole, so a stage can settle what it reserved.
 */
@FunctionalInterface
public interface Stage {
  Future<Void> apply(Exchange exchange, Chain chain);
}
