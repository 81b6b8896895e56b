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

  @Override
  public String toString() {
    return "HTTP " + status + " " + text();
  }
}
