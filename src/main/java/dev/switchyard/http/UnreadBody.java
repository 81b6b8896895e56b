package dev.switchyard.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * What becomes of a request body left unread because the request was answered first (refused,
 * too large, too slow). Closing at once while the client is still sending makes the client's TCP
 * stack drop the answer it has not read yet (a reset), so the rest is read and thrown away — at
 * most {@link #LINGER_BYTES} and {@link #LINGER_MILLIS}, never whatever a client cares to send —
 * and then the connection closes, unless the answer left it open (a small body, read to its end).
 */
public final class UnreadBody {
  public static final int LINGER_BYTES = 1024 * 1024;
  public static final long LINGER_MILLIS = 2_000;

  private UnreadBody() {}

  /** Call once the answer has been written. */
  public static void drop(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    boolean close = "close".equalsIgnoreCase(request.response().headers().get("connection"));
    Vertx vertx = Vertx.currentContext().owner();
    long timer = vertx.setTimer(LINGER_MILLIS, ignored -> request.connection().close());
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > LINGER_BYTES) {
        vertx.cancelTimer(timer);
        request.handler(null);
        request.connection().close();
      }
    });
    request.endHandler(ignored -> {
      vertx.cancelTimer(timer);
      if (close) {
        request.connection().close();
      }
    });
    request.exceptionHandler(ignored -> vertx.cancelTimer(timer));
    request.resume();
  }
}
