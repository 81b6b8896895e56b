package dev.switchyard.pipeline;

import io.vertx.core.Future;

/**
 * One step of the request pipeline (authentication, limits, routing, the attempts...). A stage
 * either rejects the request by failing with a {@code GatewayException}, answers it itself, or
 * calls {@link Chain#proceed} with what it learned, and may act on the {@link Completion}: the
 * future completes when the client's response is whole, so a stage can settle what it reserved.
 * To watch the answer while it happens (first byte, stream events), a stage registers an
 * {@link ExchangeObserver} on {@code chain.exchange()} before proceeding.
 */
@FunctionalInterface
public interface Stage {
  Future<Completion> apply(ProxyRequest request, Chain chain);
}
