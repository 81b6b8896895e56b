package dev.switchyard.server;

import dev.switchyard.config.LimitsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Requests cost two field writes: one sweep a {@link #SWEEP_MILLIS} finds what has waited too long,
 * rather than a timer set and cancelled per request.
 */
final class ConnectionGuard {
  static final long SWEEP_MILLIS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final AtomicInteger open;
  private final Supplier<LimitsConfig> limits;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  ConnectionGuard(Vertx vertx, AtomicInteger open, Supplier<LimitsConfig> limits) {
    this.open = open;
    this.limits = limits;
    vertx.setPeriodic(SWEEP_MILLIS, ignored -> sweep()); // ends with the verticle that set it
  }

  void opened(HttpConnection connection) {
    Watch watch = new Watch(open.incrementAndGet() > limits.get().maxConnections());
    watches.put(connection, watch);
    connection.closeHandler(ignored -> {
      if (watches.remove(connection) != null) {
        open.decrementAndGet();
      }
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
    watch.current = request;
    watch.idleSince = -1;
    request.response().endHandler(ignored -> watch.answered(request));
    return !watch.overLimit;
  }

  private void sweep() {
    if (watches.isEmpty()) {
      return;
    }
    LimitsConfig now = limits.get();
    long headNanos = now.requestHeadTimeout().toNanos();
    long idleNanos = now.idleTimeout().toNanos();
    long time = System.nanoTime();
    List<HttpConnection> expired = new ArrayList<>();
    watches.forEach((connection, watch) -> {
      if (watch.current == null) {
        if (time - watch.openedAt > headNanos) {
          LOG.debug("closing a connection from {}: no whole request head within server.limits.request_head_timeout",
              connection.remoteAddress());
          expired.add(connection);
        }
        return;
      }
      if (watch.idleSince < 0 && watch.current.response().ended()) { // in case its end handler was replaced
        watch.idleSince = time;
      }
      if (watch.idleSince >= 0 && time - watch.idleSince > idleNanos) {
        LOG.debug("closing a connection from {}: idle past server.limits.idle_timeout", connection.remoteAddress());
        expired.add(connection);
      }
    });
    expired.forEach(HttpConnection::close);
  }

  /** What is known of one connection: when it opened, its latest request, since when it has been idle. */
  private static final class Watch {
    private final boolean overLimit;
    private final long openedAt = System.nanoTime();
    private HttpServerRequest current;
    private long idleSince = -1;

    Watch(boolean overLimit) {
      this.overLimit = overLimit;
    }

    void answered(HttpServerRequest request) {
      if (current == request) {
        idleSince = System.nanoTime();
      }
    }
  }
}
