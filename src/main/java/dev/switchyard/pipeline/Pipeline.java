package dev.switchyard.pipeline;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered stages every model request goes through, and the observers that watch every one
 * (metering). A stage's rejection is answered here, in the client's protocol; every exchange ends
 * with one {@link Completion} shown to the observers.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final List<Stage> stages;
  private final List<ExchangeObserver> observers;

  public Pipeline(List<Stage> stages, List<ExchangeObserver> observers) {
    this.stages = List.copyOf(stages);
    this.observers = List.copyOf(observers);
  }

  /** Runs the exchange through the stages; the future completes when its response is whole. */
  public Future<Completion> run(Exchange exchange) {
    exchange.observeAll(observers);
    Future<Completion> answered;
    try {
      answered = new Chain(stages, 0, exchange).proceed(exchange.request());
    } catch (RuntimeException e) {
      answered = Future.failedFuture(e);
    }
    Promise<Completion> ended = Promise.promise();
    answered.onComplete(result -> {
      Completion completion = result.succeeded() ? result.result() : refused(exchange, result.cause());
      exchange.complete(completion);
      ended.complete(completion);
    });
    return ended.future();
  }

  /** A stage refused the request, or failed: the client is told in its protocol. */
  private static Completion refused(Exchange exchange, Throwable failure) {
    GatewayException error;
    if (failure instanceof GatewayException gateway) {
      error = gateway;
    } else if (exchange.clientGone()) { // what broke was the client's connection: ordinary, and nothing to tell
      LOG.debug("request {}: ended with the client gone: {}", exchange.requestId(), failure.toString());
      error = GatewayException.internal(exchange.requestId());
    } else {
      LOG.error("request {}: unexpected failure", exchange.requestId(), failure);
      error = GatewayException.internal(exchange.requestId());
    }
    if (exchange.clientGone()) {
      return Completion.cancelled(exchange.response().headWritten() ? exchange.response().getStatusCode()
          : ErrorKind.CANCELLED.status(), Optional.empty());
    }
    if (exchange.response().headWritten()) { // a failure after the answer began: it must not pass as whole
      if (!exchange.response().ended()) {
        exchange.response().reset();
      }
      return new Completion(Outcome.INTERRUPTED, exchange.response().getStatusCode(), Optional.empty());
    }
    exchange.fail(error);
    return new Completion(Outcome.REJECTED, error.status(), Optional.empty());
  }
}
