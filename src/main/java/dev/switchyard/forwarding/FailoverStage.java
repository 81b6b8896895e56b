package dev.switchyard.forwarding;

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
import dev.switchyard.pipeline.Stage;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last request stage: tries the plan's targets in order, one {@link Attempt} each, each
 * through the attempt stages and then the call. A target that cannot take the request, is
 * unreachable, times out, or answers 429, 408, 5xx or 401/403 (its credential refused) hands the
 * request to the next one; the last target's answer is what the client gets. Failover happens
 * only before anything reaches the client.
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
    ErrorKind kind = ErrorKind.ofStatus(status);
    return kind.isRetryable() || kind == ErrorKind.AUTHENTICATION || kind == ErrorKind.PERMISSION;
  }

  @Override
  public Future<Completion> apply(ProxyRequest request, Chain chain) {
    List<AttemptStage> stages = new ArrayList<>(attemptStages.size() + 1);
    stages.addAll(attemptStages);
    stages.add(new UpstreamCallStage(forwarders, new Translations()));
    return attempt(new AttemptChain(stages, chain.exchange(), request), 0);
  }

  private Future<Completion> attempt(AttemptChain chain, int index) {
    Exchange exchange = chain.exchange();
    List<UpstreamTarget> targets = chain.request().routePlan().targets();
    UpstreamTarget target = targets.get(index);
    boolean last = index + 1 == targets.size();
    Attempt attempt = exchange.startAttempt(target, target.provider().nextCredential(), !last);
    return chain.proceed(attempt).compose(result -> switch (result) {
      case AttemptResult.Answered answered -> Future.succeededFuture(answered.completion());
      case AttemptResult.Unanswered unanswered -> {
        attempt.failed(unanswered.error());
        yield next(chain, index, unanswered.error());
      }
    });
  }

  private Future<Completion> next(AttemptChain chain, int index, GatewayException error) {
    List<UpstreamTarget> targets = chain.request().routePlan().targets();
    if (index + 1 >= targets.size()) {
      return Future.failedFuture(error);
    }
    LOG.warn("request {}: {} did not serve it ({}); trying the next target", chain.exchange().requestId(),
        targets.get(index).provider().name(), LogText.of(error.getMessage()));
    return attempt(chain, index + 1);
  }

  /** Reads and drops a body that will not be relayed, so its connection can be reused. */
  static void discard(UpstreamResponse response) {
    response.body().handler(ignored -> { });
    response.body().exceptionHandler(ignored -> { });
    response.body().endHandler(ignored -> { });
    response.body().resume();
  }
}
