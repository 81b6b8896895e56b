package dev.switchyard.pipeline;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.RequestHead;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the client's body up to the size limit (413 past it) and has the ingress parse it (400 when
 * it is not a valid request). Runs after authentication, so no stranger's body is ever parsed.
 *
 * <p>Memory follows what arrived, never what was announced: the buffer grows with the bytes, so a
 * {@code Content-Length} of 32 MiB followed by one byte holds one byte. A body that stops arriving
 * for {@code server.limits.body_timeout} is answered 408.
 */
public final class ReadBodyStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ReadBodyStage.class);
  private static final int FIRST_BUFFER_BYTES = 16 * 1024;

  private final LongSupplier maxBodyBytes;
  private final Supplier<Duration> bodyTimeout;

  public ReadBodyStage(LongSupplier maxBodyBytes) {
    this(maxBodyBytes, () -> Duration.ofSeconds(30));
  }

  public ReadBodyStage(LongSupplier maxBodyBytes, Supplier<Duration> bodyTimeout) {
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public Future<Completion> apply(ProxyRequest proxied, Chain chain) {
    Exchange exchange = chain.exchange();
    long limit = maxBodyBytes.getAsLong();
    HttpServerRequest request = exchange.http();
    String declared = request.getHeader("content-length");
    long declaredLength = declared == null ? -1 : parseLength(declared);
    if (declaredLength > limit) {
      return Future.failedFuture(tooLarge(exchange, limit));
    }
    Promise<Buffer> body = Promise.promise();
    Buffer buffer = Buffer.buffer((int) Math.min(FIRST_BUFFER_BYTES, Math.max(declaredLength, 256)));
    Silence silence = new Silence(Vertx.currentContext().owner(), bodyTimeout.get(), () -> {
      request.handler(null);
      exchange.response().putHeader("connection", "close"); // the rest will not be read
      body.tryFail(new GatewayException(408, ErrorKind.OTHER_CLIENT_ERROR, "request_timeout", null,
          "The request body stopped arriving for longer than this gateway's limit of "
              + bodyTimeout.get().toSeconds() + " s (server.limits.body_timeout)."));
    });
    request.handler(chunk -> {
      silence.heard();
      if (buffer.length() + chunk.length() > limit) {
        request.handler(null);
        body.tryFail(tooLarge(exchange, limit));
      } else {
        buffer.appendBuffer(chunk);
      }
    });
    request.endHandler(ignored -> body.tryComplete(buffer));
    request.exceptionHandler(failure -> {
      // The client hung up mid-body: an ordinary event, not the gateway's failure.
      LOG.debug("request {}: the client went away while sending its body: {}", exchange.requestId(), failure.toString());
      body.tryFail(new GatewayException(ErrorKind.CANCELLED, "client_closed_request", null,
          "The client closed the connection before its request body arrived."));
    });
    exchange.pauseOwnWork();
    request.resume();
    return body.future().onComplete(ignored -> silence.end()).compose(bytes -> {
      exchange.resumeOwnWork();
      RequestHead head = new RequestHead(request.path(), request.query(), request.headers());
      return chain.proceed(proxied.withBody(proxied.ingress().parse(head, bytes.getBytes())));
    });
  }

  private static GatewayException tooLarge(Exchange exchange, long limit) {
    // The rest of the body is not read: the connection closes after the answer.
    exchange.response().putHeader("connection", "close");
    return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "request_too_large", null,
        "The request body is larger than this gateway's limit of " + limit + " bytes (server.max_body_size).");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Fires when nothing was heard for the whole timeout. One timer, re-armed only when it fires
   * early, rather than a new timer per chunk.
   */
  private static final class Silence {
    private final Vertx vertx;
    private final long timeoutNanos;
    private final Runnable onSilence;
    private long lastHeard = System.nanoTime();
    private long timer;

    Silence(Vertx vertx, Duration timeout, Runnable onSilence) {
      this.vertx = vertx;
      this.timeoutNanos = timeout.toNanos();
      this.onSilence = onSilence;
      this.timer = vertx.setTimer(timeout.toMillis(), ignored -> check());
    }

    void heard() {
      lastHeard = System.nanoTime();
    }

    void end() {
      vertx.cancelTimer(timer);
      timer = -1;
    }

    private void check() {
      if (timer < 0) {
        return;
      }
      long quiet = System.nanoTime() - lastHeard;
      if (quiet >= timeoutNanos) {
        onSilence.run();
      } else {
        timer = vertx.setTimer(Math.max(1, (timeoutNanos - quiet) / 1_000_000), ignored -> check());
      }
    }
  }
}
