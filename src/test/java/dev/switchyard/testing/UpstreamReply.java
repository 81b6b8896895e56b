package dev.switchyard.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link FakeUpstream} answers to one request: a status, headers and body, and how to send
 * them (after a delay, one SSE event at a time, cut off part way, or never). Immutable; the
 * {@code with}-style methods return a changed copy.
 */
public final class UpstreamReply {
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final Duration headersDelay;
  private final Duration eventDelay;
  private final int closeAfterBytes;
  private final boolean hang;

  private UpstreamReply(int status, Map<String, String> headers, byte[] body, Duration headersDelay,
      Duration eventDelay, int closeAfterBytes, boolean hang) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.headersDelay = headersDelay;
    this.eventDelay = eventDelay;
    this.closeAfterBytes = closeAfterBytes;
    this.hang = hang;
  }

  /** Replays a recorded response as it was. */
  public static UpstreamReply of(Fixtures.Response response) {
    return new UpstreamReply(response.status(), response.headers(), response.body(), Duration.ZERO, Duration.ZERO,
        -1, false);
  }

  public static UpstreamReply of(Fixtures.Exchange exchange) {
    return of(exchange.response());
  }

  public static UpstreamReply json(int status, String json) {
    return raw(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public static UpstreamReply text(int status, String contentType, String text) {
    return raw(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  public static UpstreamReply sse(String events) {
    return raw(200, "text/event-stream; charset=utf-8", events.getBytes(StandardCharsets.UTF_8));
  }

  public static UpstreamReply raw(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", contentType);
    return new UpstreamReply(status, headers, body, Duration.ZERO, Duration.ZERO, -1, false);
  }

  /** Accepts the request and never answers. */
  public static UpstreamReply hangForever() {
    return new UpstreamReply(200, Map.of(), new byte[0], Duration.ZERO, Duration.ZERO, -1, true);
  }

  /** Waits this long before sending status and headers. */
  public UpstreamReply delayHeaders(Duration delay) {
    return new UpstreamReply(status, headers, body, delay, eventDelay, closeAfterBytes, hang);
  }

  /** Sends the body one SSE event (up to each blank line) at a time, pausing between events. */
  public UpstreamReply eventByEvent(Duration pause) {
    return new UpstreamReply(status, headers, body, headersDelay, pause, closeAfterBytes, hang);
  }

  /** Sends only the first {@code bytes} bytes of the body, then closes the connection. */
  public UpstreamReply closeAfter(int bytes) {
    return new UpstreamReply(status, headers, body, headersDelay, eventDelay, bytes, hang);
  }

  public UpstreamReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new UpstreamReply(status, more, body, headersDelay, eventDelay, closeAfterBytes, hang);
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body.clone();
  }

  Duration headersDelay() {
    return headersDelay;
  }

  Duration eventDelay() {
    return eventDelay;
  }

  int closeAfterBytes() {
    return closeAfterBytes;
  }

  boolean hang() {
    return hang;
  }

  boolean isEventStream() {
    return headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("content-type")
        && e.getValue().startsWith("text/event-stream"));
  }
}
