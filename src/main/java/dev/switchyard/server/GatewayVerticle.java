package dev.switchyard.server;

import dev.switchyard.admin.KeyAdminRoutes;
import dev.switchyard.admin.RouteAdminRoutes;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.gateway.Protocols;
import dev.switchyard.http.JsonReplies;
import dev.switchyard.http.UnreadBody;
import dev.switchyard.logging.LogText;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Pipeline;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.gemini.GeminiAction;
import dev.switchyard.protocol.gemini.GeminiIngress;
import dev.switchyard.protocol.gemini.GeminiModelPath;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the server: an HTTP server on the shared port, the routes, and the
 * HTTP client its upstream calls use, so a request and its upstream call stay on one thread.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final Gateway gateway;
  private final String host;
  private final int port;
  private HttpClient upstreamClient;
  private HttpServer server;

  public GatewayVerticle(Gateway gateway, String host, int port) {
    this.gateway = gateway;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    upstreamClient = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setForceSni(true).setTcpNoDelay(true).setDecompressionSupported(false)
            .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024),
        new PoolOptions().setHttp1MaxSize(10_000).setHttp2MaxSize(100));
    Router router = Router.router(vertx);
    router.route().handler(GatewayVerticle::ownHeaders);
    // The model endpoints: dispatched by exact path before the router, which they do not need.
    Map<String, Ingress> modelEndpoints = Protocols.endpoints(gateway.clock());
    Pipeline pipeline = gateway.pipeline();
    new ModelsRoute(gateway).mount(router);
    new GeminiModelsRoute(gateway).mount(router);
    new HealthRoutes(gateway).mount(router);
    new KeyAdminRoutes(gateway).mount(router);
    new RouteAdminRoutes(gateway).mount(router);
    router.route().last().handler(ctx -> JsonReplies.error(ctx.response(), new GatewayException(
        ErrorKind.NOT_FOUND, "not_found", null,
        "Unknown path: " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> JsonReplies.error(ctx.response(), new GatewayException(405,
        ErrorKind.OTHER_CLIENT_ERROR, "method_not_allowed", null,
        "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(500, ctx -> {
      LOG.error("unhandled failure on {} {}", ctx.request().method(), LogText.of(ctx.request().path()), ctx.failure());
      JsonReplies.error(ctx.response(), GatewayException.internal(null));
    });
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setHandle100ContinueAutomatically(true)
        .setMaxInitialLineLength(16 * 1024)
        .setMaxHeaderSize(64 * 1024)
        // HTTP/1.1 only: every SDK and agent speaks it, and h2c would add a second set of limits to keep.
        .setHttp2ClearTextEnabled(false)
        // Timeouts are the guard's: Vert.x's idle timeout would also cut an answer that is slow to start.
        .setIdleTimeout(0));
    ConnectionGuard guard = new ConnectionGuard(vertx, gateway.openConnections(), gateway::limits);
    server.connectionHandler(guard::opened);
    server.requestHandler(request -> {
      Ingress ingress = request.method() == HttpMethod.POST ? modelEndpoints.get(request.path()) : null;
      if (!guard.admit(request)) {
        refuseOverConnectionLimit(request, ingress);
      } else if (ingress != null) {
        handle(request, ingress, pipeline);
      } else if (request.method() == HttpMethod.POST && GeminiModelPath.isModelMethod(request.path())) {
        handleGemini(request, pipeline);
      } else {
        router.handle(request);
      }
    });
    return server.listen();
  }

  /**
   * Gives every response the request id and overhead headers; exchanges through the pipeline set
   * their own (overhead there excludes upstream time), the gateway's own endpoints get these.
   */
  private static void ownHeaders(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addHeadersEndHandler(ignored -> {
      MultiMap headers = ctx.response().headers();
      if (!headers.contains(Exchange.REQUEST_ID_HEADER)) {
        headers.set(Exchange.REQUEST_ID_HEADER, Exchange.requestIdOf(ctx.request()));
      }
      if (!headers.contains(Exchange.OVERHEAD_HEADER)) {
        headers.set(Exchange.OVERHEAD_HEADER, Long.toString((System.nanoTime() - start) / 1000));
      }
    });
    ctx.next();
  }

  /** One connection too many: told so in its protocol where the path says which, then closed. */
  private void refuseOverConnectionLimit(HttpServerRequest request, Ingress ingress) {
    request.response().putHeader("connection", "close").putHeader("retry-after", "1");
    GatewayException error = new GatewayException(ErrorKind.UNAVAILABLE, "too_many_connections", null,
        "The gateway has reached its limit of " + gateway.limits().maxConnections()
            + " open connections (server.limits.max_connections); retry shortly.");
    Ingress protocol = ingress != null ? ingress
        : GeminiModelPath.isModelMethod(request.path()) ? GeminiIngress.of(GeminiAction.GENERATE_CONTENT) : null;
    if (protocol != null) {
      request.pause();
      new Exchange(request, protocol, upstreamClient).fail(error);
    } else {
      JsonReplies.error(request.response(), error);
    }
    UnreadBody.drop(request);
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Gemini's model methods carry the model in the path: {@code /gemini/v1beta/models/{model}:{method}}. */
  private void handleGemini(HttpServerRequest request, Pipeline pipeline) {
    Ingress ingress;
    try {
      ingress = GeminiIngress.forPath(request.path());
    } catch (GatewayException e) { // an unknown method or a malformed model: answered in Google's shape
      new Exchange(request, GeminiIngress.of(GeminiAction.GENERATE_CONTENT), upstreamClient).fail(e);
      return;
    }
    handle(request, ingress, pipeline);
  }

  private void handle(HttpServerRequest request, Ingress ingress, Pipeline pipeline) {
    request.pause(); // the body is read only after authentication
    pipeline.run(new Exchange(request, ingress, upstreamClient)).onComplete(ignored -> UnreadBody.drop(request));
  }


}
