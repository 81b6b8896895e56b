package dev.switchyard.pipeline;

import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.error.GatewayException;
import dev.switchyard.logging.HeaderText;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One client request and its response on the wire: the HTTP request, its id, the time Switchyard
 * spends on it, the attempts made for it, who watches it, and whether the client is still there.
 * What the stages learn about the request travels separately, as an immutable {@link ProxyRequest}.
 * Lives on one event loop, so it needs no locking.
 */
public final class Exchange {
  public static final String REQUEST_ID_HEADER = "x-request-id";
  public static final String OVERHEAD_HEADER = "x-switchyard-overhead-us";
  /** The provider that served the request (or was tried last). */
  public static final String PROVIDER_HEADER = "x-switchyard-provider";
  /** The model name that provider was asked for. */
  public static final String MODEL_HEADER = "x-switchyard-model";
  /** How many attempts the request took, retries and failovers included. */
  public static final String ATTEMPTS_HEADER = "x-switchyard-attempts";
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String requestId;
  private final HttpServerRequest http;
  private final HttpClient upstreamClient;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final OverheadClock overhead = new OverheadClock();
  private final List<Attempt> attempts = new ArrayList<>(2);
  private List<ExchangeObserver> observers = List.of();
  private final List<Runnable> onClientGone = new ArrayList<>(2);
  private ProxyRequest request;
  private boolean clientGone;
  private boolean completed;

  public Exchange(HttpServerRequest http, Ingress ingress, HttpClient upstreamClient) {
    this.http = http;
    this.upstreamClient = upstreamClient;
    this.requestId = requestIdOf(http);
    this.request = ProxyRequest.arriving(ingress);
    http.response().closeHandler(ignored -> clientWentAway());
  }

  /** The client's own {@code x-request-id} when it is a sane one, else a new id. */
  public static String requestIdOf(HttpServerRequest request) {
    String fromClient = request.getHeader(REQUEST_ID_HEADER);
    return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches() ? fromClient : newRequestId();
  }

  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  public String requestId() {
    return requestId;
  }

  /** The client's HTTP request. */
  public HttpServerRequest http() {
    return http;
  }

  public HttpServerResponse response() {
    return http.response();
  }

  public HttpClient upstreamClient() {
    return upstreamClient;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** What the pipeline has learned about the request so far (the last stage's view). */
  public ProxyRequest request() {
    return request;
  }

  void learned(ProxyRequest latest) {
    request = latest;
  }

  // ---- time spent in Switchyard ----

  public OverheadClock overhead() {
    return overhead;
  }

  /** Switchyard's own code runs for this exchange again. */
  public void resumeOwnWork() {
    overhead.resume();
  }

  /** Switchyard now waits for the network (client body, upstream answer). */
  public void pauseOwnWork() {
    overhead.pause();
  }

  public long overheadMicros() {
    return overhead.micros();
  }

  // ---- attempts ----

  /** Begins the next attempt: recorded in order, and shown to the observers. */
  public Attempt startAttempt(UpstreamTarget target, Optional<Provider.Credential> credential,
      Attempt.NextTry nextTry) {
    Attempt attempt = new Attempt(attempts.size() + 1, target, credential, request.ingress().protocol(), nextTry);
    attempts.add(attempt);
    for (ExchangeObserver observer : observers) {
      observer.attemptStarted(this, attempt);
    }
    return attempt;
  }

  public List<Attempt> attempts() {
    return Collections.unmodifiableList(attempts);
  }

  /** The attempt whose answer the client got, if one did. */
  public Optional<Attempt> servedBy() {
    return attempts.isEmpty() || attempts.getLast().outcome().isEmpty()
        ? Optional.empty() : Optional.of(attempts.getLast());
  }

  // ---- observers ----

  public void observe(ExchangeObserver observer) {
    List<ExchangeObserver> more = new ArrayList<>(observers.size() + 1);
    more.addAll(observers);
    more.add(observer);
    observers = more;
  }

  /** The pipeline's own observers, watching every exchange: shared, not copied. */
  void observeAll(List<ExchangeObserver> always) {
    if (observers.isEmpty()) {
      observers = always;
    } else {
      always.forEach(this::observe);
    }
  }

  /** Shows a translated stream's canonical event to the observers. */
  public void streamEvent(StreamEvent event) {
    for (ExchangeObserver observer : observers) {
      observer.streamEvent(this, event);
    }
  }

  /** Shows a translated complete answer to the observers. */
  public void answer(ChatResponse answer) {
    for (ExchangeObserver observer : observers) {
      observer.answer(this, answer);
    }
  }

  /** The exchange is over; the observers hear it once. */
  void complete(Completion completion) {
    if (completed) {
      return;
    }
    completed = true;
    for (ExchangeObserver observer : observers) {
      observer.completed(this, completion);
    }
  }

  // ---- the client going away ----

  /** Runs {@code action} if the client disconnects before the response is complete. */
  public void onClientGone(Runnable action) {
    if (clientGone) {
      action.run();
    } else {
      onClientGone.add(action);
    }
  }

  public boolean clientGone() {
    return clientGone;
  }

  private void clientWentAway() {
    if (response().ended() || clientGone) {
      return;
    }
    clientGone = true;
    for (Runnable action : onClientGone) {
      action.run();
    }
    onClientGone.clear();
  }

  // ---- writing the response ----

  /**
   * Sets status and Switchyard's own headers (the overhead so far goes into its header); the
   * observers hear that the answer starts, and the current attempt that its first byte is out.
   */
  public HttpServerResponse head(int status, String contentType) {
    HttpServerResponse response = response();
    response.setStatusCode(status);
    MultiMap headers = response.headers();
    headers.set("content-type", contentType);
    headers.set(REQUEST_ID_HEADER, requestId);
    headers.set(OVERHEAD_HEADER, Long.toString(overheadMicros()));
    if (!attempts.isEmpty()) { // what served it, or was tried last
      Attempt last = attempts.getLast();
      headers.set(PROVIDER_HEADER, last.provider().name());
      headers.set(MODEL_HEADER, HeaderText.of(last.target().upstreamModel(), 256)); // a wildcard's part is the client's text
      headers.set(ATTEMPTS_HEADER, Integer.toString(attempts.size()));
      if (!last.isOver()) {
        last.firstByteSent();
      }
    }
    for (ExchangeObserver observer : observers) {
      observer.responseStarted(this, status);
    }
    return response;
  }

  /** Answers with an error in the client's protocol, unless the response has already begun. */
  public void fail(GatewayException error) {
    HttpServerResponse response = response();
    if (clientGone || response.headWritten() || response.ended()) {
      return;
    }
    if (!http.isEnded() && !unreadBodyIsSmall(http)) { // refused before its body was read: not worth draining
      response.putHeader("connection", "close");
    }
    Buffer body = request.ingress().renderError(error);
    error.retryAfterHeader().ifPresent(seconds -> response.putHeader("retry-after", seconds));
    head(error.status(), "application/json").end(body);
  }

  /** The most of a refused request's unread body worth reading and dropping to keep its connection. */
  private static final int DRAINED_BYTES = 64 * 1024;

  /** Whether the body still to come is declared (or absent), and small enough to read and drop. */
  private static boolean unreadBodyIsSmall(HttpServerRequest http) {
    String length = http.getHeader("content-length");
    if (length == null) { // chunked: unknown, so not small; neither header: no body at all
      return http.getHeader("transfer-encoding") == null;
    }
    try {
      return Long.parseLong(length.trim()) <= DRAINED_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
