package dev.switchyard.pipeline;

import io.vertx.core.Future;
import java.util.List;

/** The stages still to run for one exchange; immutable, so each stage gets its own view. */
public final class Chain {
  private final List<Stage> stages;
  private final int index;

  Chain(List<Stage> stages, int index) {
    this.stages = stages;
    this.index = index;
  }

  public Future<Void> proceed(Exchange exchange) {
    if (index >= stages.size()) {
      return Future.failedFuture(new IllegalStateException("the last stage must answer the request"));
    }
    Stage stage = stages.get(index);
    try {
      return stage.apply(exchange, new Chain(stages, index + 1));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
