package dev.switchyard.testing;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The OpenAI SDK's own HTTP client with two additions for tests: it passes on the exact bytes of
 * each request body the SDK sends, and hands every response (headers and body as read) to the
 * {@link LeakGuard}.
 */
final class ObservedSdkHttpClient implements HttpClient {
  private static final int MAX_KEPT = 8 << 20;

  private final HttpClient delegate;
  private final Consumer<byte[]> requestBodies;

  /** @param requestBodies gets the bytes of each request body the SDK sends */
  ObservedSdkHttpClient(HttpClient delegate, Consumer<byte[]> requestBodies) {
    this.delegate = delegate;
    this.requestBodies = requestBodies;
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions options) {
    remember(request);
    return observed(request, delegate.execute(request, options));
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
    remember(request);
    return delegate.executeAsync(request, options).thenApply(response -> observed(request, response));
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void remember(HttpRequest request) {
    HttpRequestBody body = request.body();
    if (body != null && body.repeatable()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      body.writeTo(out);
      requestBodies.accept(out.toByteArray());
    }
  }

  private static HttpResponse observed(HttpRequest request, HttpResponse response) {
    String what = "SDK " + request.method() + " /" + String.join("/", request.pathSegments());
    Map<String, List<String>> headers = toMap(response.headers());
    InputStream tee = new FilterInputStream(response.body()) {
      private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
      private boolean reported;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          keep(new byte[] {(byte) b}, 0, 1);
        } else {
          report();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          keep(buffer, offset, n);
        } else if (n < 0) {
          report();
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        report();
        super.close();
      }

      private void keep(byte[] buffer, int offset, int n) {
        if (seen.size() < MAX_KEPT) {
          seen.write(buffer, offset, n);
        }
      }

      private void report() {
        if (!reported) {
          reported = true;
          LeakGuard.inspect(what, headers, seen.toByteArray());
        }
      }
    };
    return new HttpResponse() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public Headers headers() {
        return response.headers();
      }

      @Override
      public InputStream body() {
        return tee;
      }

      @Override
      public void close() {
        try {
          tee.close();
        } catch (IOException e) {
          // the response is being discarded anyway
        }
        response.close();
      }
    };
  }

  private static Map<String, List<String>> toMap(Headers headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String name : headers.names()) {
      map.put(name, new ArrayList<>(headers.values(name)));
    }
    return map;
  }
}
