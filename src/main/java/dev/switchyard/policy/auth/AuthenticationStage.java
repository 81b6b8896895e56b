package dev.switchyard.policy.auth;

import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Stage;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;

/** Refuses requests without a valid Switchyard key (401) and records who is calling. */
public final class AuthenticationStage implements Stage {
  private final Authenticator authenticator;

  public AuthenticationStage(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Future<Void> apply(Exchange exchange, Chain chain) {
    CompletableFuture<Principal> result = authenticator.authenticate(ApiKeys.presented(exchange.request()));
    if (result.isDone()) { // a cache hit: stay on this call stack, no hop through the event loop
      try {
        exchange.principal(result.join());
      } catch (java.util.concurrent.CompletionException e) {
        return Future.failedFuture(e.getCause());
      }
      return chain.proceed(exchange);
    }
    exchange.pauseOwnWork();
    return Future.fromCompletionStage(result, io.vertx.core.Vertx.currentContext()).compose(principal -> {
      exchange.resumeOwnWork();
      exchange.principal(principal);
      return chain.proceed(exchange);
    });
  }
}
