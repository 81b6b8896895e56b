package dev.switchyard.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recorded provider traffic from {@code ../shared/fixtures}: one case is a list of exchanges, each
 * a request body and the response to replay (JSON bodies re-serialized compactly, stream bodies as
 * the raw bytes of their {@code body_file}).
 */
public final class Fixtures {
  /** Keeps numbers as written (no double rounding) when bodies are re-serialized. */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private Fixtures() {}

  /** The shared test data directory, as Maven passes it (or the worktree's {@code ../shared}). */
  public static Path sharedDir() {
    return Path.of(System.getProperty("switchyard.shared", "../shared")).toAbsolutePath().normalize();
  }

  /** Loads {@code fixtures/<provider>/<name>.json}. */
  public static Case load(String provider, String name) {
    Path dir = sharedDir().resolve("fixtures").resolve(provider);
    Path file = dir.resolve(name + ".json");
    JsonNode root = readTree(file);
    List<Exchange> exchanges = new ArrayList<>();
    for (JsonNode exchange : root.path("exchanges")) {
      JsonNode request = exchange.path("request");
      Optional<JsonNode> requestBody = request.isObject() && request.path("body").isObject()
          ? Optional.of(request.path("body")) : Optional.empty();
      exchanges.add(new Exchange(requestBody, request.path("url_path").asText(""),
          response(dir, exchange.path("response"))));
    }
    return new Case(name, root.path("description").asText(), List.copyOf(exchanges));
  }

  private static Response response(Path dir, JsonNode response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    byte[] body;
    boolean raw;
    if (response.hasNonNull("body_file")) {
      try {
        body = Files.readAllBytes(dir.resolve(response.path("body_file").asText()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      raw = true;
    } else {
      body = compact(response.path("body"));
      raw = false;
    }
    return new Response(response.path("status").asInt(), Map.copyOf(headers), body, raw);
  }

  /** The JSON value as compact bytes. */
  public static byte[] compact(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text a test built or cut out of a recording. */
  public static JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonNode readTree(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  /** One recorded case. */
  public record Case(String name, String description, List<Exchange> exchanges) {
    public Exchange exchange(int index) {
      return exchanges.get(index);
    }

    /** The first (often only) exchange. */
    public Exchange first() {
      return exchanges.get(0);
    }
  }

  /**
   * One request and the response it got; the request is absent where the recorder kept none.
   * {@code urlPath} is the request's path with its query (empty when unknown).
   */
  public record Exchange(Optional<JsonNode> requestBody, String urlPath, Response response) {
    public JsonNode request() {
      return requestBody.orElseThrow(() -> new IllegalStateException("this exchange recorded no request"));
    }

    /** The recorded request body, compact. */
    public byte[] requestBytes() {
      return compact(request());
    }

    /** The recorded response body parsed (only for JSON bodies). */
    public JsonNode responseJson() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A response to replay.
   *
   * @param raw true when {@code body} is a recorded byte stream (SSE) rather than re-serialized JSON
   */
  public record Response(int status, Map<String, String> headers, byte[] body, boolean raw) {}
}
