package dev.switchyard.forwarding;

import dev.switchyard.config.RetryConfig;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.logging.LogText;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.AttemptChain;
import dev.switchyard.pipeline.AttemptResult;
import dev.switchyard.pipeline.AttemptStage;
import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.pipeline.Stage;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last request stage: tries the plan's targets in order, one {@link Attempt} per try, each
 * through the attempt stages and then the call. A failure another try may cure — 429, 5xx
 * (Anthropic's 529 too), a refused connection, a timeout — is tried again on the same target
 * after a backoff with jitter (or the provider's {@code Retry-After}), up to the plan's
 * {@code retry.attempts}; then, as for a target that cannot take the request or refuses
 * Switchyard's credential (401/403), the next target. The request's tries and time are bounded
 * ({@code max_attempts}, {@code max_time}); the last try's answer is what the client gets. All of
 * this happens only before anything reaches the client.
 */
public final class FailoverStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverStage.class);

  private final List<AttemptStage> attemptStages;
  private final Forwarders forwarders;

  /** @param attemptStages what every attempt goes through before its call, in order */
  public FailoverStage(List<AttemptStage> attemptStages, Forwarders forwarders) {
    this.attemptStages = List.copyOf(attemptStages);
    this.forwarders = forwarders;
  }

  /**
   * Whether a provider's status lets the request go on to the next target: an error another
   * provider may not have (rate limits, server errors, timeouts), or Switchyard's own credential
   * refused (401/403), which is the operator's problem, not the client's.
   */
  public static boolean failsOver(int status) {
    return ErrorKind.isRetryableStatus(status) || status == 401 || status == 403;
  }

  /** Whether the same target may well answer a second try: it was busy, failing or unreachable, not refusing. */
  static boolean retriesSameTarget(int status, GatewayException error) {
    if (error.isTargetUnavailable()) {
      return false;
    }
    return status == 0 ? error.kind().isRetryable() : ErrorKind.isRetryableStatus(status);
  }

  @Override
  public Future<Completion> apply(ProxyRequest request, Chain chain) {
    List<AttemptStage> stages = new ArrayList<>(attemptStages.size() + 1);
    stages.addAll(attemptStages);
    stages.add(new UpstreamCallStage(forwarders, new Translations()));
    Tries tries = new Tries(request.routePlan());
    return attempt(new AttemptChain(stages, chain.exchange(), request), tries);
  }

  private Future<Completion> attempt(AttemptChain chain, Tries tries) {
    Exchange exchange = chain.exchange();
    UpstreamTarget target = tries.target();
    tries.started();
    Attempt attempt = exchange.startAttempt(target, target.provider().nextCredential(), tries.forThisTry());
    return chain.proceed(attempt).compose(result -> switch (result) {
      case AttemptResult.Answered answered -> Future.succeededFuture(answered.completion());
      case AttemptResult.Unanswered unanswered -> {
        attempt.failed(unanswered.error());
        yield next(chain, tries, attempt, unanswered.error());
      }
    });
  }

  private Future<Completion> next(AttemptChain chain, Tries tries, Attempt failed, GatewayException error) {
    Exchange exchange = chain.exchange();
    int status = failed.upstreamStatus();
    Optional<Duration> wait = retriesSameTarget(status, error) ? tries.waitBeforeRetry(error.retryAfter()) : Optional.empty();
    if (wait.isPresent()) {
      LOG.warn("request {}: {} did not serve it ({}); trying it again in {} ms", exchange.requestId(),
          failed.provider().name(), LogText.of(error.getMessage()), wait.get().toMillis());
      Promise<Completion> later = Promise.promise();
      Vertx.currentContext().owner().setTimer(Math.max(1, wait.get().toMillis()), ignored -> {
        if (exchange.clientGone()) {
          later.complete(Completion.cancelled(ErrorKind.CANCELLED.status(), Optional.empty()));
        } else {
          attempt(chain, tries).onComplete(later);
        }
      });
      return later.future();
    }
    if (!tries.moveToNextTarget()) {
      return Future.failedFuture(error);
    }
    LOG.warn("request {}: {} did not serve it ({}); trying the next target", exchange.requestId(),
        failed.provider().name(), LogText.of(error.getMessage()));
    return attempt(chain, tries);
  }

  /** Reads and drops a body that will not be relayed, so its connection can be reused. */
  static void discard(UpstreamResponse response) {
    response.body().handler(ignored -> { });
    response.body().exceptionHandler(ignored -> { });
    response.body().endHandler(ignored -> { });
    response.body().resume();
  }

  /** Where one request's trying stands: which target, how often it was tried, what is left of the budget. */
  private static final class Tries {
    private final List<UpstreamTarget> targets;
    private final RetryConfig policy;
    private final long startNanos = System.nanoTime();
    private int index;
    private int onThisTarget;
    private int total;

    Tries(RoutePlan plan) {
      this.targets = plan.targets();
      this.policy = plan.retry();
    }

    UpstreamTarget target() {
      return targets.get(index);
    }

    void started() {
      onThisTarget++;
      total++;
    }

    private boolean budgetLeft(int triesSoFar, Duration wait) {
      return triesSoFar < policy.maxAttempts()
          && Duration.ofNanos(System.nanoTime() - startNanos).plus(wait).compareTo(policy.maxTime()) < 0;
    }

    private boolean budgetLeft(Duration wait) {
      return budgetLeft(total, wait);
    }

    private boolean nextTargetLeft() {
      return index + 1 < targets.size() && budgetLeft(Duration.ZERO);
    }

    /**
     * For the try just started: whether an answer with a given status would be followed by another
     * try (so may be dropped unread), as things stand for this try.
     */
    Attempt.NextTry forThisTry() {
      int at = index;
      int onTarget = onThisTarget;
      int triesSoFar = total;
      return (status, retryAfter) -> {
        if (!failsOver(status)) {
          return false;
        }
        boolean waitable = retryAfter.map(wait -> wait.compareTo(policy.maxRetryAfter()) <= 0).orElse(true);
        boolean again = ErrorKind.isRetryableStatus(status) && onTarget < policy.attempts() && waitable
            && budgetLeft(triesSoFar, retryAfter.orElse(policy.backoff()));
        return again || at + 1 < targets.size() && budgetLeft(triesSoFar, Duration.ZERO);
      };
    }

    /** The wait before trying this target again, or empty when it is not tried again. */
    Optional<Duration> waitBeforeRetry(Optional<Duration> retryAfter) {
      if (onThisTarget >= policy.attempts()) {
        return Optional.empty();
      }
      Duration wait;
      if (retryAfter.isPresent()) {
        if (retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
          return Optional.empty(); // longer than worth waiting for: another target, if any
        }
        wait = retryAfter.get();
      } else {
        long base = Math.min(policy.maxBackoff().toMillis(),
            policy.backoff().toMillis() << Math.min(20, onThisTarget - 1));
        wait = Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1)); // jitter
      }
      return budgetLeft(wait) ? Optional.of(wait) : Optional.empty();
    }

    boolean moveToNextTarget() {
      if (!nextTargetLeft()) {
        return false;
      }
      index++;
      onThisTarget = 0;
      return true;
    }
  }
}
