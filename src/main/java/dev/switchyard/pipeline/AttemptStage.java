package dev.switchyard.pipeline;

import io.vertx.core.Future;

/**
 * One step of an attempt's own chain, around the call to one target: where a circuit breaker, a
 * retry, a per-attempt metric or ledger row sits. It calls {@link AttemptChain#proceed} (or
 * answers for the attempt without calling) and may act on the result; the last stage does the I/O.
 */
@FunctionalInterface
public interface AttemptStage {
  Future<AttemptResult> apply(Attempt attempt, AttemptChain chain);
}
