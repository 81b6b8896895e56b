package dev.switchyard.server;

import dev.switchyard.config.LimitsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections from being held for nothing: a new connection must deliver a whole request
 * head within {@code request_head_timeout} (slowloris), a kept-alive one may wait for its next
 * request only {@code idle_timeout}, and no more than {@code max_connections} are open at once. A
 * response in progress is never cut: the idle clock starts when an answer has ended.
 *
 * <p>One per event loop, touched only from it; the count of open connections is shared by all.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final AtomicInteger open;
  private final Supplier<LimitsConfig> limits;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  ConnectionGuard(Vertx vertx, AtomicInteger open, Supplier<LimitsConfig> limits) {
    this.vertx = vertx;
    this.open = open;
    this.limits = limits;
  }

  void opened(HttpConnection connection) {
    LimitsConfig now = limits.get();
    Watch watch = new Watch(connection, open.incrementAndGet() > now.maxConnections());
    watches.put(connection, watch);
    connection.closeHandler(ignored -> {
      if (watches.remove(connection) != null) {
        open.decrementAndGet();
        watch.disarm();
      }
    });
    watch.arm(now.requestHeadTimeout(), () -> {
      LOG.debug("closing a connection from {}: no whole request head within server.limits.request_head_timeout",
          connection.remoteAddress());
      connection.close();
    });
  }

  /**
   * A request's head has arrived. False when its connection is one too many: the caller answers
   * 503 and closes it.
   */
  boolean admit(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch == null) {
      return true;
    }
    watch.disarm();
    watch.current = request;
    request.response().endHandler(ignored -> watch.answered(request));
    // Should anything replace that handler, a check at the idle timeout still finds the answer ended.
    watch.arm(limits.get().idleTimeout(), () -> watch.checkIdle(request));
    return !watch.overLimit;
  }

  int openConnections() {
    return open.get();
  }

  private final class Watch {
    private final HttpConnection connection;
    private final boolean overLimit;
    private HttpServerRequest current;
    private long timer = -1;

    Watch(HttpConnection connection, boolean overLimit) {
      this.connection = connection;
      this.overLimit = overLimit;
    }

    void arm(Duration after, Runnable action) {
      disarm();
      timer = vertx.setTimer(Math.max(1, after.toMillis()), ignored -> {
        timer = -1;
        action.run();
      });
    }

    void disarm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    /** The answer to {@code request} has ended: the connection now waits for its next request. */
    void answered(HttpServerRequest request) {
      if (current == request) {
        arm(limits.get().idleTimeout(), this::closeIdle);
      }
    }

    void checkIdle(HttpServerRequest request) {
      if (current != request) {
        return;
      }
      if (request.response().ended()) {
        arm(limits.get().idleTimeout(), this::closeIdle);
      } else { // still answering: never cut
        arm(limits.get().idleTimeout(), () -> checkIdle(request));
      }
    }

    private void closeIdle() {
      LOG.debug("closing a connection from {}: idle past server.limits.idle_timeout", connection.remoteAddress());
      connection.close();
    }
  }
}
