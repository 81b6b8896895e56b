package dev.switchyard.pipeline;

import io.vertx.core.Future;
import java.util.List;

/** An ordered list of stages that every exchange of one kind goes through. */
public final class Pipeline {
  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  public Future<Void> run(Exchange exchange) {
    return new Chain(stages, 0).proceed(exchange);
  }
}
