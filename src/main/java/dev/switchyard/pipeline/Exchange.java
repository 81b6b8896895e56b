package dev.switchyard.pipeline;

import dev.switchyard.error.GatewayException;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.policy.auth.Principal;
import dev.switchyard.routing.RoutePlan;
import dev.switchyard.routing.RouteTarget;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One client request on its way through the pipeline: what each stage learned about it, and the
 * client's response. Lives on one event loop, so it needs no locking.
 *
 * <p>Design note: the overhead figure counts only time spent in Switchyard's own code. It is the
 * sum of "own work" segments: request handling until the upstream call goes out (minus waiting
 * for the client's body), and the handling of what comes back.
 */
public final class Exchange {
  public static final String REQUEST_ID_HEADER = "x-request-id";
  public static final String OVERHEAD_HEADER = "x-switchyard-overhead-us";
  private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String requestId;
  private final HttpServerRequest request;
  private final Ingress ingress;
  private final HttpClient upstreamClient;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();
  private final List<Runnable> onClientGone = new ArrayList<>(2);

  private long overheadNanos;
  private long segmentStart = startNanos;
  private boolean inOwnWork = true;
  private boolean clientGone;

  private Principal principal;
  private ClientRequest clientRequest;
  private RoutePlan plan;
  private dev.switchyard.canonical.ChatRequest canonical;
  private RouteTarget servedBy;
  private int attempts;
  private Usage usage;
  private List<String> droppedFields = List.of();
  private UsageRecord.Outcome outcome = UsageRecord.Outcome.REJECTED;

  public Exchange(HttpServerRequest request, Ingress ingress, HttpClient upstreamClient) {
    this.request = request;
    this.ingress = ingress;
    this.upstreamClient = upstreamClient;
    this.requestId = requestIdOf(request);
    request.response().closeHandler(ignored -> clientWentAway());
  }

  /** The client's own {@code x-request-id} when it is a sane one, else a new id. */
  public static String requestIdOf(HttpServerRequest request) {
    String fromClient = request.getHeader(REQUEST_ID_HEADER);
    return fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches() ? fromClient : newRequestId();
  }

  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  public String requestId() {
    return requestId;
  }

  public HttpServerRequest request() {
    return request;
  }

  public HttpServerResponse response() {
    return request.response();
  }

  public Ingress ingress() {
    return ingress;
  }

  public HttpClient upstreamClient() {
    return upstreamClient;
  }

  public Instant startedAt() {
    return startedAt;
  }

  // ---- what the stages learned ----

  public Principal principal() {
    return principal;
  }

  public void principal(Principal value) {
    principal = value;
  }

  public ClientRequest clientRequest() {
    return clientRequest;
  }

  public void clientRequest(ClientRequest value) {
    clientRequest = value;
  }

  /** The request in canonical form, translated once and kept for every attempt that needs it. */
  public dev.switchyard.canonical.ChatRequest canonical(
      java.util.function.Function<ClientRequest, dev.switchyard.canonical.ChatRequest> translate) {
    if (canonical == null) {
      canonical = translate.apply(clientRequest);
    }
    return canonical;
  }

  /** The client's request fields that translation to canonical form could not carry. */
  public List<String> droppedFields() {
    return droppedFields;
  }

  public void droppedFields(List<String> fields) {
    droppedFields = List.copyOf(fields);
  }

  public RoutePlan plan() {
    return plan;
  }

  public void plan(RoutePlan value) {
    plan = value;
  }

  /** Records the start of an upstream attempt. */
  public void attempting(RouteTarget target) {
    attempts++;
    servedBy = target;
  }

  public int attempts() {
    return attempts;
  }

  public Optional<RouteTarget> servedBy() {
    return Optional.ofNullable(servedBy);
  }

  public void usage(Usage value) {
    usage = value;
  }

  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  public void outcome(UsageRecord.Outcome value) {
    outcome = value;
  }

  public UsageRecord.Outcome outcome() {
    return outcome;
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
    outcome = UsageRecord.Outcome.CLIENT_CANCELLED;
    for (Runnable action : onClientGone) {
      action.run();
    }
    onClientGone.clear();
  }

  // ---- overhead accounting ----

  /** Switchyard's own code starts running for this exchange. */
  public void resumeOwnWork() {
    if (!inOwnWork) {
      inOwnWork = true;
      segmentStart = System.nanoTime();
    }
  }

  /** Switchyard now waits for the network (client body, upstream answer). */
  public void pauseOwnWork() {
    if (inOwnWork) {
      inOwnWork = false;
      overheadNanos += System.nanoTime() - segmentStart;
    }
  }

  public long overheadMicros() {
    long nanos = overheadNanos + (inOwnWork ? System.nanoTime() - segmentStart : 0);
    return nanos / 1000;
  }

  public long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  // ---- writing the response ----

  /** Sets status and Switchyard's own headers; the overhead so far goes into its header. */
  public HttpServerResponse head(int status, String contentType) {
    HttpServerResponse response = response();
    response.setStatusCode(status);
    MultiMap headers = response.headers();
    headers.set("content-type", contentType);
    headers.set(REQUEST_ID_HEADER, requestId);
    headers.set(OVERHEAD_HEADER, Long.toString(overheadMicros()));
    return response;
  }

  /** Answers with an error in the client's protocol, unless the response has already begun. */
  public void fail(GatewayException error) {
    HttpServerResponse response = response();
    if (clientGone || response.headWritten() || response.ended()) {
      return;
    }
    Buffer body = ingress.renderError(error);
    head(error.status(), "application/json").end(body);
  }

  public UsageRecord toRecord() {
    HttpServerResponse response = response();
    return new UsageRecord(
        requestId,
        startedAt,
        principal == null ? "" : principal.keyId(),
        ingress.endpointName(),
        clientRequest == null ? "" : clientRequest.model(),
        servedBy().map(t -> t.provider().name()),
        servedBy().map(RouteTarget::upstreamModel),
        clientRequest != null && clientRequest.stream(),
        response.getStatusCode(),
        usage(),
        outcome,
        attempts,
        elapsedMillis(),
        overheadMicros());
  }
}
