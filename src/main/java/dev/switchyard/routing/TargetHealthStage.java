package dev.switchyard.routing;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.AttemptChain;
import dev.switchyard.pipeline.AttemptResult;
import dev.switchyard.pipeline.AttemptStage;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.Future;
import java.util.List;

/**
 * Each attempt asks its target's circuit breaker first (an open one holds it back: the request
 * moves on to its next target), counts as in flight while it runs, and reports how it went: a
 * failure another try may cure counts against the target; an answer, a client's own error
 * included, for it, with its time to answer; a client gone or a request the target could not take
 * says nothing either way.
 */
public final class TargetHealthStage implements AttemptStage {
  private final TargetHealthRegistry registry;

  public TargetHealthStage(TargetHealthRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<AttemptResult> apply(Attempt attempt, AttemptChain chain) {
    TargetHealth health = registry.of(attempt.target());
    boolean permitted = health.tryAcquire();
    if (!permitted && !lastResort(attempt, chain)) {
      return Future.succeededFuture(new AttemptResult.Unanswered(GatewayException.targetUnavailable(
          "Target " + health.name() + " is held back: its circuit breaker is open after repeated failures.")));
    }
    if (!permitted) { // the last target left: tried without a say in its breaker, which stays as it is
      health.started();
      return chain.proceed(attempt).onComplete(ignored -> health.ended());
    }
    health.started();
    long start = System.nanoTime();
    return chain.proceed(attempt).onComplete(result -> {
      long took = System.nanoTime() - start;
      if (result.failed()) {
        health.released();
        return;
      }
      switch (result.result()) {
        case AttemptResult.Answered answered -> report(health, attempt, answered.completion(), took);
        case AttemptResult.Unanswered unanswered -> {
          if (unanswered.error().kind().isRetryable() || attempt.upstreamStatus() != 0) {
            health.failed(took, unanswered.error());
          } else { // it could not take this request (a translation it lacks): nothing said of its health
            health.released();
          }
        }
      }
    });
  }

  /** The plan's last target: held back or not, a request is never left without a try. */
  private static boolean lastResort(Attempt attempt, AttemptChain chain) {
    List<UpstreamTarget> targets = chain.request().routePlan().targets();
    return targets.getLast().equals(attempt.target());
  }

  private static void report(TargetHealth health, Attempt attempt, Completion completion, long took) {
    if (completion.outcome() == Outcome.CLIENT_CANCELLED) {
      health.released();
    } else if (completion.outcome() == Outcome.INTERRUPTED || unwell(attempt.upstreamStatus())) {
      health.failed(took, new IllegalStateException("HTTP " + attempt.upstreamStatus() + ", " + completion.outcome()));
    } else {
      health.succeeded(took, attempt.timeToResponseMicros().orElse(-1L));
    }
  }

  private static boolean unwell(int upstreamStatus) {
    return ErrorKind.isRetryableStatus(upstreamStatus);
  }
}
