package dev.switchyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request as a {@link FakeUpstream} received it, byte for byte, and whether its connection
 * went away before the fake had finished answering.
 *
 * @param headers lower-cased header names to their values
 */
public record ReceivedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    byte[] body,
    CompletableFuture<Void> closedEarly) {

  /** The query of {@link #path()} (which is the request URI); null when there is none. */
  public String query() {
    int at = path.indexOf('?');
    return at < 0 ? null : path.substring(at + 1);
  }

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return Fixtures.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the upstream request body is not JSON: " + bodyText(), e);
    }
  }

  /** Whether the connection closed before the fake's answer was complete, within {@code timeout}. */
  public boolean awaitClosedEarly(Duration timeout) {
    try {
      closedEarly.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return method + " " + path + " " + bodyText();
  }
}
