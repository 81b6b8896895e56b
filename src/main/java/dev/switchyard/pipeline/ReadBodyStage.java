package dev.switchyard.pipeline;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.RequestHead;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.LongSupplier;

/**
 * Reads the client's body up to the size limit (413 past it) and has the ingress parse it (400 when
 * it is not a valid request). Runs after authentication, so no stranger's body is ever parsed.
 */
public final class ReadBodyStage implements Stage {
  private final LongSupplier maxBodyBytes;

  public ReadBodyStage(LongSupplier maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Future<Completion> apply(ProxyRequest proxied, Chain chain) {
    Exchange exchange = chain.exchange();
    long limit = maxBodyBytes.getAsLong();
    HttpServerRequest request = exchange.http();
    String declared = request.getHeader("content-length");
    if (declared != null && parseLength(declared) > limit) {
      return Future.failedFuture(tooLarge(exchange, limit));
    }
    Promise<Buffer> body = Promise.promise();
    Buffer buffer = Buffer.buffer(declared == null ? 1024 : (int) Math.min(parseLength(declared), limit));
    request.handler(chunk -> {
      if (buffer.length() + chunk.length() > limit) {
        request.handler(null);
        body.tryFail(tooLarge(exchange, limit));
      } else {
        buffer.appendBuffer(chunk);
      }
    });
    request.endHandler(ignored -> body.tryComplete(buffer));
    request.exceptionHandler(body::tryFail);
    exchange.pauseOwnWork();
    request.resume();
    return body.future().compose(bytes -> {
      exchange.resumeOwnWork();
      RequestHead head = new RequestHead(request.path(), request.query(), request.headers());
      return chain.proceed(proxied.withBody(proxied.ingress().parse(head, bytes.getBytes())));
    });
  }

  private static GatewayException tooLarge(Exchange exchange, long limit) {
    // The rest of the body is not read: the connection closes after the answer.
    exchange.response().putHeader("connection", "close");
    return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "request_too_large", null,
        "The request body is larger than this gateway's limit of " + limit + " bytes.");
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
