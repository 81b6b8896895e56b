package dev.switchyard.policy.auth;

import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.pipeline.Stage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Refuses requests without a valid Switchyard key (401) and records who is calling. */
public final class AuthenticationStage implements Stage {
  private final Authenticator authenticator;

  public AuthenticationStage(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Future<Completion> apply(ProxyRequest request, Chain chain) {
    Exchange exchange = chain.exchange();
    CompletableFuture<Principal> result = authenticator.authenticate(ApiKeys.presented(exchange.http()));
    if (result.isDone()) { // a cache hit: stay on this call stack, no hop through the event loop
      try {
        return chain.proceed(request.withPrincipal(result.join()));
      } catch (CompletionException e) {
        return Future.failedFuture(e.getCause());
      }
    }
    exchange.pauseOwnWork();
    return Future.fromCompletionStage(result, Vertx.currentContext()).compose(principal -> {
      exchange.resumeOwnWork();
      return chain.proceed(request.withPrincipal(principal));
    });
  }
}
