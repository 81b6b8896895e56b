package dev.switchyard.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A provider stand-in on 127.0.0.1: answers each request with the next scripted
 * {@link UpstreamReply} (or the standing one, if set), records every request it got, and counts
 * its open connections so a test can see the gateway let go of one.
 */
public final class FakeUpstream implements AutoCloseable {
  private static final UpstreamReply UNSCRIPTED = UpstreamReply.json(500,
      "{\"error\":{\"message\":\"FakeUpstream: no reply was scripted for this request\",\"type\":\"test_error\","
          + "\"param\":null,\"code\":null}}");

  private final Vertx vertx;
  private final HttpServer server;
  private final ConcurrentLinkedDeque<UpstreamReply> script = new ConcurrentLinkedDeque<>();
  private final AtomicReference<UpstreamReply> standing = new AtomicReference<>();
  private final AtomicReference<Function<ReceivedRequest, UpstreamReply>> responder = new AtomicReference<>();
  private final List<ReceivedRequest> received = new ArrayList<>();
  private final BlockingQueue<ReceivedRequest> arrivals = new LinkedBlockingQueue<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();

  private FakeUpstream(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static FakeUpstream start() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    FakeUpstream fake = new FakeUpstream(vertx, server);
    server.connectionHandler(connection -> {
      fake.opened.incrementAndGet();
      connection.closeHandler(ignored -> fake.closed.incrementAndGet());
    });
    server.requestHandler(fake::handle);
    await(server.listen());
    return fake;
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then released), for "unreachable". */
  public static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL to configure as the provider's {@code base_url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Queues replies, answered in order, one per request. */
  public FakeUpstream enqueue(UpstreamReply... replies) {
    script.addAll(Arrays.asList(replies));
    return this;
  }

  /** Queues a fixture case's responses in order. */
  public FakeUpstream enqueue(Fixtures.Case fixture) {
    fixture.exchanges().forEach(e -> script.add(UpstreamReply.of(e)));
    return this;
  }

  /** The reply for every request once the queue is empty. */
  public FakeUpstream always(UpstreamReply reply) {
    standing.set(reply);
    return this;
  }

  /**
   * Answers every request the queue does not, by what the request asks (a stand-in model that
   * reads the conversation); takes precedence over {@link #always}.
   */
  public FakeUpstream answering(Function<ReceivedRequest, UpstreamReply> replies) {
    responder.set(replies);
    return this;
  }

  /** Forgets the script and what was received; connections stay. */
  public void reset() {
    script.clear();
    standing.set(null);
    responder.set(null);
    synchronized (received) {
      received.clear();
    }
    arrivals.clear();
  }

  public List<ReceivedRequest> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The next request to arrive (in arrival order), waiting up to five seconds for it. */
  public ReceivedRequest takeRequest() {
    try {
      ReceivedRequest next = arrivals.poll(5, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("the fake upstream on port " + port() + " received no request within 5 s");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int openConnections() {
    return opened.get() - closed.get();
  }

  public int connectionsOpened() {
    return opened.get();
  }

  private void handle(HttpServerRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach(h ->
        headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
    HttpServerResponse response = request.response();
    CompletableFuture<Void> closedEarly = new CompletableFuture<>();
    response.closeHandler(ignored -> {
      if (!response.ended()) {
        closedEarly.complete(null);
      }
    });
    request.body().onSuccess(body -> {
      ReceivedRequest got = new ReceivedRequest(request.method().name(), request.uri(), Map.copyOf(headers),
          body.getBytes(), closedEarly);
      synchronized (received) {
        received.add(got);
      }
      arrivals.add(got);
      UpstreamReply reply = script.poll();
      if (reply == null) {
        reply = unscripted(got);
      }
      UpstreamReply chosen = reply;
      if (chosen.hang()) {
        return;
      }
      long delay = chosen.headersDelay().toMillis();
      if (delay > 0) {
        vertx.setTimer(delay, t -> answer(request, chosen));
      } else {
        answer(request, chosen);
      }
    });
  }

  private UpstreamReply unscripted(ReceivedRequest request) {
    Function<ReceivedRequest, UpstreamReply> replies = responder.get();
    if (replies != null) {
      try {
        return replies.apply(request);
      } catch (RuntimeException e) { // an answer, not a hang, so the test sees what went wrong
        var error = Fixtures.JSON.createObjectNode();
        error.putObject("error").put("message", "FakeUpstream: " + e).put("type", "test_error");
        return UpstreamReply.json(500, error.toString());
      }
    }
    return standing.get() != null ? standing.get() : UNSCRIPTED;
  }

  private void answer(HttpServerRequest request, UpstreamReply reply) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    response.setStatusCode(reply.status());
    reply.headers().forEach(response::putHeader);
    byte[] body = reply.body();
    if (reply.closeAfterBytes() >= 0) {
      response.setChunked(true);
      Buffer part = Buffer.buffer(Arrays.copyOf(body, Math.min(reply.closeAfterBytes(), body.length)));
      response.write(part).onComplete(ignored -> request.connection().close());
    } else if (reply.eventDelay().isPositive()) {
      response.setChunked(true);
      writeEvents(response, events(body), 0, reply.eventDelay().toMillis());
    } else if (reply.isEventStream()) {
      response.setChunked(true);
      response.end(Buffer.buffer(body));
    } else {
      response.end(Buffer.buffer(body));
    }
  }

  private void writeEvents(HttpServerResponse response, List<Buffer> events, int index, long pauseMillis) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (index == events.size()) {
      response.end();
      return;
    }
    response.write(events.get(index));
    vertx.setTimer(pauseMillis, t -> writeEvents(response, events, index + 1, pauseMillis));
  }

  /** Splits an SSE body after each blank line, keeping every byte. */
  static List<Buffer> events(byte[] body) {
    List<Buffer> events = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < body.length; i++) {
      boolean lf = body[i] == '\n' && body[i + 1] == '\n';
      boolean crlf = i + 3 < body.length && body[i] == '\r' && body[i + 1] == '\n' && body[i + 2] == '\r'
          && body[i + 3] == '\n';
      if (lf || crlf) {
        int end = i + (lf ? 2 : 4);
        events.add(Buffer.buffer(Arrays.copyOfRange(body, start, end)));
        start = end;
        i = end - 1;
      }
    }
    if (start < body.length) {
      events.add(Buffer.buffer(Arrays.copyOfRange(body, start, body.length)));
    }
    return events;
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
