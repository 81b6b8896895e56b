package dev.switchyard.pipeline;

import io.vertx.core.Future;
import java.util.List;

/** The stages still to run for one exchange; immutable, so each stage gets its own view. */
public final class Chain {
  private final List<Stage> stages;
  private final int index;
  private final Exchange exchange;

  Chain(List<Stage> stages, int index, Exchange exchange) {
    this.stages = stages;
    this.index = index;
    this.exchange = exchange;
  }

  public Exchange exchange() {
    return exchange;
  }

  /** Runs the next stage with {@code request}, which the exchange then reports as what is known. */
  public Future<Completion> proceed(ProxyRequest request) {
    if (index >= stages.size()) {
      return Future.failedFuture(new IllegalStateException("the last stage must answer the request"));
    }
    exchange.learned(request);
    try {
      return stages.get(index).apply(request, new Chain(stages, index + 1, exchange));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
