package dev.switchyard.media;

import dev.switchyard.canonical.MediaSource;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Downloads one image or document for a provider that cannot fetch URLs: {@code http(s)} only,
 * the host resolved once and every address it has checked, then connected to by that checked
 * address (so a DNS answer cannot change between the check and the connection), no redirects,
 * within the configured size and time and the request's {@link FetchBudget}. A download that fails
 * for any reason, running out of time included, resets its HTTP request.
 */
public final class MediaFetcher {
  private final Predicate<InetAddress> allowed;

  public MediaFetcher() {
    this(PublicAddresses::isPublic);
  }

  /** For tests, which serve media on loopback. */
  MediaFetcher(Predicate<InetAddress> allowed) {
    this.allowed = allowed;
  }

  /**
   * The bytes behind {@code url} as inline media; fails with a 400 naming the URL's problem, or a
   * 413 when the request's fetches together would exceed {@code budget}.
   *
   * @param budget the bytes this request's fetches may still take, shared by all of them
   * @param wantImage whether the content must be an image (else a document: PDF or text)
   */
  public Future<MediaSource.Base64> fetch(Vertx vertx, HttpClient client, MediaConfig config, FetchBudget budget,
      String url, boolean wantImage) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return refuse(url, "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return refuse(url, "is not an http or https URL");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return vertx.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(host), false)
        .recover(failure -> failure instanceof UnknownHostException
            ? refuse(url, "names a host that does not resolve") : Future.failedFuture(failure))
        .compose(addresses -> {
          for (InetAddress address : addresses) {
            if (!allowed.test(address)) {
              return refuse(url, "resolves to a private, loopback or link-local address, which is never fetched");
            }
          }
          RequestOptions options = new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setServer(SocketAddress.inetSocketAddress(port, addresses[0].getHostAddress()))
              .setHost(host)
              .setPort(port)
              .setSsl(ssl)
              .setURI(target)
              .setFollowRedirects(false)
              .setConnectTimeout(config.timeout().toMillis())
              .setIdleTimeout(config.timeout().toMillis())
              .putHeader("accept", wantImage ? "image/*" : "application/pdf, text/plain;q=0.9")
              .putHeader("user-agent", "switchyard");
          return download(vertx, client, options, config, budget, url, wantImage);
        });
  }

  private Future<MediaSource.Base64> download(Vertx vertx, HttpClient client, RequestOptions options,
      MediaConfig config, FetchBudget budget, String url, boolean wantImage) {
    Promise<MediaSource.Base64> result = Promise.promise();
    AtomicReference<HttpClientRequest> call = new AtomicReference<>();
    long timer = vertx.setTimer(config.timeout().toMillis(), ignored ->
        result.tryFail(invalid(url, "took longer than " + config.timeout().toMillis() + " ms to download")));
    // However the download fails, its request is reset: a response still trickling in would
    // otherwise hold a connection, and keep arriving, long after the client was answered.
    result.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      HttpClientRequest request = call.get();
      if (done.failed() && request != null) {
        request.reset();
      }
    });
    client.request(options).onComplete(opened -> {
      if (opened.failed()) {
        result.tryFail(invalid(url, "could not be downloaded (" + opened.cause().getClass().getSimpleName() + ")"));
        return;
      }
      HttpClientRequest request = opened.result();
      call.set(request);
      if (result.future().failed()) { // it ran out of time while connecting
        request.reset();
        return;
      }
      request.send().onComplete(sent -> {
        if (sent.failed()) {
          result.tryFail(invalid(url, "could not be downloaded (" + sent.cause().getClass().getSimpleName() + ")"));
          return;
        }
        receive(sent.result(), config, budget, url, wantImage, result);
      });
    });
    return result.future();
  }

  private static void receive(HttpClientResponse response, MediaConfig config, FetchBudget budget, String url,
      boolean wantImage, Promise<MediaSource.Base64> result) {
    // First, so the reset that follows a refusal below is not reported as an unhandled failure.
    response.exceptionHandler(failure -> result.tryFail(invalid(url, "broke off while downloading")));
    if (response.statusCode() != 200) {
      result.tryFail(invalid(url, "answered HTTP " + response.statusCode() + " instead of the file"));
      return;
    }
    String type = mediaType(response.getHeader("content-type"));
    if (!(wantImage ? type.startsWith("image/") : type.equals("application/pdf") || type.startsWith("text/"))) {
      result.tryFail(invalid(url, "is not " + (wantImage ? "an image" : "a PDF or text document")
          + " (content type '" + type + "')"));
      return;
    }
    String declared = response.getHeader("content-length");
    if (declared != null && declared.matches("\\d{1,18}")) {
      long length = Long.parseLong(declared);
      if (length > config.maxBytes()) {
        result.tryFail(tooLarge(url, config));
        return;
      }
      if (!budget.fits(length)) {
        result.tryFail(budget.exceeded());
        return;
      }
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > config.maxBytes()) {
        result.tryFail(tooLarge(url, config));
      } else if (!budget.take(chunk.length())) {
        result.tryFail(budget.exceeded());
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(ignored -> result.tryComplete(
        new MediaSource.Base64(type, Base64.getEncoder().encodeToString(body.getBytes()))));
  }

  private static GatewayException tooLarge(String url, MediaConfig config) {
    return invalid(url, "is larger than the gateway's limit of " + config.maxBytes() + " bytes");
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static <T> Future<T> refuse(String url, String problem) {
    return Future.failedFuture(invalid(url, problem));
  }

  private static GatewayException invalid(String url, String problem) {
    String shown = url.length() > 200 ? url.substring(0, 200) + "..." : url;
    return GatewayException.invalidRequest("messages", "The media URL " + shown + " " + problem + ".");
  }
}
