package dev.switchyard.testing;

import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Pipeline;
import dev.switchyard.protocol.Ingress;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline behind a real HTTP server on 127.0.0.1, as the gateway's verticle runs it: every
 * request becomes an {@link Exchange} for the given endpoint. For testing stages, the attempt chain
 * and forwarding without the rest of the gateway.
 */
public final class PipelineServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PipelineServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static PipelineServer start(Pipeline pipeline, Ingress ingress) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient upstreamClient = vertx.createHttpClient();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(request -> {
          request.pause();
          pipeline.run(new Exchange(request, ingress, upstreamClient));
        });
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(e);
    }
    return new PipelineServer(vertx, server);
  }

  public HttpResult post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new HttpResult(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
