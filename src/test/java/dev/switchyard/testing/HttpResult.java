package dev.switchyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response from the gateway read whole by a plain HTTP client.
 *
 * @param headers lower-cased header names to their values
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body) {

  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return Fixtures.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (HTTP " + status + "): " + text(), e);
    }
  }

  /**
   * Checks this is an error of the given status in OpenAI's exact shape, with the gateway's own
   * headers, and returns the {@code error} object.
   */
  public JsonNode openAiError(int expectedStatus) {
    if (status != expectedStatus) {
      throw new AssertionError("expected HTTP " + expectedStatus + " but got " + this);
    }
    String contentType = header("content-type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      throw new AssertionError("error content-type is " + contentType + ": " + this);
    }
    JsonNode root = json();
    if (!root.isObject() || root.size() != 1 || !root.path("error").isObject()) {
      throw new AssertionError("not {\"error\":{...}}: " + this);
    }
    JsonNode error = root.path("error");
    if (!error.path("message").isTextual() || error.path("message").asText().isBlank()
        || !error.path("type").isTextual()
        || !(error.path("param").isTextual() || error.path("param").isNull())
        || !(error.path("code").isTextual() || error.path("code").isNull())) {
      throw new AssertionError("error lacks message/type/param/code: " + this);
    }
    String overhead = header("x-switchyard-overhead-us");
    if (header("x-request-id") == null || overhead == null || !overhead.matches("\\d+")) {
      throw new AssertionError("missing x-request-id or x-switchyard-overhead-us: " + headers);
    }
    return error;
  }

  @Override
  public String toString() {
    return "HTTP " + status + " " + text();
  }
}
