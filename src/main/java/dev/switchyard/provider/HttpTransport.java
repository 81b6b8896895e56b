package dev.switchyard.provider;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.TimeoutException;

/** Sends attempts over HTTP with the calling event loop's pooled client. */
public final class HttpTransport implements UpstreamTransport {
  public static final HttpTransport INSTANCE = new HttpTransport();

  private HttpTransport() {}

  @Override
  public UpstreamCall send(Provider provider, UpstreamRequest request, HttpClient client) {
    Provider.Endpoint endpoint = provider.endpoint();
    RequestOptions options = new RequestOptions()
        .setMethod(request.method())
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.ssl())
        .setURI(endpoint.basePath() + request.path())
        .setHeaders(request.headers())
        .setConnectTimeout(provider.connectTimeout().toMillis())
        .setIdleTimeout(provider.timeout().toMillis());
    HttpCall call = new HttpCall();
    call.response = client.request(options)
        .compose(httpRequest -> {
          call.request = httpRequest;
          if (call.cancelled) {
            httpRequest.reset();
            return Future.failedFuture(new UpstreamFailure("cancelled", false, null));
          }
          return httpRequest.send(request.body());
        })
        .map(response -> (UpstreamResponse) new HttpUpstreamResponse(response))
        .recover(failure -> Future.failedFuture(failure instanceof UpstreamFailure ? failure : describe(provider, failure)));
    return call;
  }

  private static UpstreamFailure describe(Provider provider, Throwable failure) {
    boolean timeout = isTimeout(failure);
    String what = timeout ? "did not answer in time" : "is unreachable";
    return new UpstreamFailure("Provider '" + provider.name() + "' " + what + ".", timeout, failure);
  }

  static boolean isTimeout(Throwable failure) {
    return failure instanceof TimeoutException
        || failure instanceof ConnectTimeoutException
        || failure.getClass().getSimpleName().contains("Timeout");
  }

  private static final class HttpCall implements UpstreamCall {
    private Future<UpstreamResponse> response;
    private HttpClientRequest request;
    private boolean cancelled;

    @Override
    public Future<UpstreamResponse> response() {
      return response;
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (request != null) {
        request.reset();
      }
    }
  }

  private record HttpUpstreamResponse(HttpClientResponse response) implements UpstreamResponse {
    @Override
    public int status() {
      return response.statusCode();
    }

    @Override
    public MultiMap headers() {
      return response.headers();
    }

    @Override
    public ReadStream<Buffer> body() {
      return response;
    }
  }
}
