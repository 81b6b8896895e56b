package dev.switchyard.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plain HTTP/1.1 calls to a gateway, each response read whole and shown to the {@link LeakGuard}.
 * A {@code null} key sends no {@code Authorization} header.
 */
public final class GatewayHttp implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Supplier<String> baseUrl;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();

  /** @param baseUrl the gateway's {@code http://host:port}, asked anew for each call */
  public GatewayHttp(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public HttpResult get(String path, String key) {
    return send(request(path, key, Map.of()).GET());
  }

  public HttpResult delete(String path, String key) {
    return send(request(path, key, Map.of()).DELETE());
  }

  public HttpResult post(String path, String key, String body) {
    return post(path, key, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public HttpResult post(String path, String key, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("content-type", "application/json");
    all.putAll(headers);
    return send(request(path, key, all).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Posts without a content-length: the body goes in chunks, so its size is learnt as it arrives. */
  public HttpResult postChunked(String path, String key, byte[] body) {
    return postChunked(path, key, body, Map.of());
  }

  /** Posts in chunks, with {@code headers} besides (a content-type there replaces the JSON one). */
  public HttpResult postChunked(String path, String key, byte[] body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("content-type", "application/json");
    all.putAll(headers);
    HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofByteArray(body));
    return send(request(path, key, all).POST(chunked));
  }

  private HttpRequest.Builder request(String path, String key, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl.get() + path)).timeout(TIMEOUT);
    if (key != null) {
      builder.header("authorization", "Bearer " + key);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private HttpResult send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      LeakGuard.inspect("HTTP " + request.method() + " " + request.uri().getPath(), headers, response.body());
      return new HttpResult(response.statusCode(), Map.copyOf(headers), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
