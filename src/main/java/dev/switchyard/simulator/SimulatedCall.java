package dev.switchyard.simulator;

import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamFailure;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;

/**
 * One simulated request in flight: answers after the reply's delay with its body as a
 * {@link SimulatedStream}, or fails as an HTTP call would when the provider's timeout passes first.
 */
final class SimulatedCall implements UpstreamCall {
  private final Context context;
  private final SimulatedReply reply;
  private final String providerName;
  private final Duration timeout;
  private final Thread thread = Thread.currentThread();
  private final Promise<UpstreamResponse> response = Promise.promise();
  private SimulatedStream body;
  private long timerId = -1;
  private boolean cancelled;

  private record Response(int status, MultiMap headers, ReadStream<Buffer> body) implements UpstreamResponse {}

  private SimulatedCall(Context context, SimulatedReply reply, String providerName, Duration timeout) {
    this.context = context;
    this.reply = reply;
    this.providerName = providerName;
    this.timeout = timeout;
  }

  /**
   * Starts a call; must run on {@code context}'s thread.
   *
   * @param timeout how long the provider may stay silent, before the headers and between chunks;
   *     zero for no limit
   */
  static SimulatedCall start(Context context, SimulatedReply reply, String providerName, Duration timeout) {
    SimulatedCall call = new SimulatedCall(context, reply, providerName, timeout);
    call.begin();
    return call;
  }

  static UpstreamCall failed(Throwable failure) {
    return new UpstreamCall() {
      @Override
      public Future<UpstreamResponse> response() {
        return Future.failedFuture(failure);
      }

      @Override
      public void cancel() {}
    };
  }

  private void begin() {
    long timeoutMillis = timeout.toMillis();
    long delayMillis = reply.delay().toMillis();
    boolean timesOut = timeoutMillis > 0 && (reply.hang() || delayMillis > timeoutMillis);
    if (timesOut) {
      timerId = context.owner().setTimer(timeoutMillis, ignored -> {
        timerId = -1;
        response.tryFail(timedOut());
      });
    } else if (reply.hang()) {
      return; // no timeout configured: silent until cancelled
    } else if (delayMillis > 0) {
      timerId = context.owner().setTimer(delayMillis, ignored -> {
        timerId = -1;
        answer();
      });
    } else {
      answer();
    }
  }

  private void answer() {
    if (cancelled) {
      return;
    }
    body = new SimulatedStream(context, reply.body(), reply.tokensPerSecond(), reply.failAfterChunks(),
        () -> new UpstreamFailure("Provider '" + providerName + "' (simulator) broke off its answer after "
            + reply.failAfterChunks() + " chunks, as asked.", false, null),
        timeout.toMillis(), this::timedOut);
    response.complete(new Response(reply.status(), reply.headers(), body));
    body.start(); // chunks flow from the next turn, once the receiver has set its handlers
  }

  private UpstreamFailure timedOut() {
    return new UpstreamFailure("Provider '" + providerName + "' did not answer in time.", true, null);
  }

  @Override
  public Future<UpstreamResponse> response() {
    return response.future();
  }

  @Override
  public void cancel() {
    Runnable stop = () -> {
      cancelled = true;
      if (timerId >= 0) {
        context.owner().cancelTimer(timerId);
        timerId = -1;
      }
      UpstreamFailure reason = new UpstreamFailure("cancelled", false, null);
      if (body != null) {
        body.cancel(reason);
      }
      response.tryFail(reason);
    };
    if (Thread.currentThread() == thread) {
      stop.run();
    } else {
      context.runOnContext(ignored -> stop.run());
    }
  }
}
