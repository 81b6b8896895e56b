package dev.switchyard.pipeline;

import io.vertx.core.Future;
import java.util.List;

/** The attempt stages still to run for one attempt; immutable, so each stage gets its own view. */
public final class AttemptChain {
  private final List<AttemptStage> stages;
  private final int index;
  private final Exchange exchange;
  private final ProxyRequest request;

  /** The chain of {@code stages} (the last one does the call) for one attempt at {@code request}. */
  public AttemptChain(List<AttemptStage> stages, Exchange exchange, ProxyRequest request) {
    this(List.copyOf(stages), 0, exchange, request);
  }

  private AttemptChain(List<AttemptStage> stages, int index, Exchange exchange, ProxyRequest request) {
    this.stages = stages;
    this.index = index;
    this.exchange = exchange;
    this.request = request;
  }

  public Exchange exchange() {
    return exchange;
  }

  public ProxyRequest request() {
    return request;
  }

  public Future<AttemptResult> proceed(Attempt attempt) {
    if (index >= stages.size()) {
      return Future.failedFuture(new IllegalStateException("the last attempt stage must make the call"));
    }
    try {
      return stages.get(index).apply(attempt, new AttemptChain(stages, index + 1, exchange, request));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
