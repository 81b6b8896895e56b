package dev.switchyard.protocol.openai;

import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.ClientWrites;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.pipeline.UpstreamErrors;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamBodies;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI in, OpenAI-speaking provider out: the client's body goes upstream with only {@code model}
 * rewritten (and the usage chunk requested for streams), and the answer comes back as it arrives:
 * bodies piped through, streams relayed event by event. Usage is read on the way past.
 */
public final class OpenAiPassthrough implements Forwarder {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiPassthrough.class);
  private static final int MAX_ERROR_BODY = 1 << 20;
  private static final Buffer INTERRUPTED_EVENT = Buffer.buffer(
      "data: {\"error\":{\"message\":\"The upstream stream broke off before its end.\","
          + "\"type\":\"upstream_error\",\"param\":null,\"code\":\"stream_interrupted\"}}\n\n");

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    OpenAiRequest request = (OpenAiRequest) exchange.clientRequest();
    Provider provider = target.provider();
    byte[] body = provider.acceptsStreamUsageOption()
        ? request.forUpstream(target.upstreamModel(), true)
        : request.forUpstreamWithoutStreamOptions(target.upstreamModel());
    return new UpstreamRequest(HttpMethod.POST, request.endpoint().path(),
        provider.upstreamHeaders(credential, request.stream()), Buffer.buffer(body), request.stream());
  }

  @Override
  public Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    String contentType = Optional.ofNullable(upstream.headers().get("content-type")).orElse("application/json");
    HttpServerResponse client = exchange.head(upstream.status(), contentType);
    String length = upstream.headers().get("content-length");
    if (length != null) {
      client.putHeader("content-length", length);
    } else {
      client.setChunked(true);
    }
    OpenAiBodyUsageScanner usage = new OpenAiBodyUsageScanner();
    Promise<Void> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      usage.feed(chunk.getBytes());
      ClientWrites.write(client, chunk, body);
      exchange.pauseOwnWork();
    });
    body.exceptionHandler(failure -> {
      exchange.outcome(Outcome.INTERRUPTED);
      client.reset();
      done.tryComplete();
    });
    body.endHandler(ignored -> {
      exchange.resumeOwnWork();
      exchange.usage(usage.finish().orElse(null));
      exchange.outcome(Outcome.COMPLETED);
      client.end();
      done.tryComplete();
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Void> relayStream(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    OpenAiRequest request = (OpenAiRequest) exchange.clientRequest();
    HttpServerResponse client = exchange.head(200, "text/event-stream; charset=utf-8");
    client.putHeader("cache-control", "no-cache");
    client.setChunked(true);
    boolean clientWantsUsage = request.clientWantsStreamUsage();
    Promise<Void> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    SseEventSplitter events = new SseEventSplitter(event -> relayEvent(exchange, client, body, event, clientWantsUsage));
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      events.feed(chunk);
      exchange.pauseOwnWork();
    });
    body.exceptionHandler(failure -> {
      if (exchange.clientGone()) {
        done.tryComplete();
        return;
      }
      LOG.warn("request {}: stream from {} broke off: {}", exchange.requestId(),
          exchange.servedBy().map(t -> t.provider().name()).orElse("?"), failure.toString());
      exchange.outcome(Outcome.INTERRUPTED);
      if (!client.ended()) {
        client.end(INTERRUPTED_EVENT);
      }
      done.tryComplete();
    });
    body.endHandler(ignored -> {
      exchange.resumeOwnWork();
      events.finish();
      exchange.outcome(Outcome.COMPLETED);
      if (!client.ended()) {
        client.end();
      }
      done.tryComplete();
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  private static void relayEvent(Exchange exchange, HttpServerResponse client, ReadStream<Buffer> upstream,
      SseEvent event, boolean clientWantsUsage) {
    if (!event.isDone()) {
      byte[] data = event.data();
      OpenAiUsage.Found found = OpenAiUsage.scan(data);
      if (found.usage().isPresent()) {
        exchange.usage(found.usage().get());
        if (found.isUsageOnlyChunk() && !clientWantsUsage) {
          return; // asked for by Switchyard to meter the stream, not by the client
        }
      }
    }
    ClientWrites.write(client, Buffer.buffer(event.raw()), upstream);
  }

  @Override
  public Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse upstream) {
    return UpstreamBodies.read(upstream.body(), MAX_ERROR_BODY, true).compose(body -> {
      exchange.resumeOwnWork();
      Provider provider = target.provider();
      int status = upstream.status();
      if (UpstreamErrors.isCredentialRefusal(status)) {
        return Future.failedFuture(UpstreamErrors.credentialRefused(exchange, provider, credential, status));
      }
      String text = provider.redact(body.toString(StandardCharsets.UTF_8));
      Buffer out = Buffer.buffer(text);
      if (!OpenAiErrors.isOpenAiError(out)) {
        out = OpenAiErrors.render("Provider '" + provider.name() + "' answered HTTP " + status
                + (text.isBlank() ? "." : ": " + abbreviate(text)),
            status == 429 ? "rate_limit_error" : status >= 500 ? "upstream_error" : "invalid_request_error",
            Optional.empty(), Optional.of("upstream_http_" + status));
      }
      exchange.outcome(Outcome.UPSTREAM_ERROR);
      HttpServerResponse client = exchange.head(status, "application/json");
      String retryAfter = upstream.headers().get("retry-after");
      if (retryAfter != null) {
        client.putHeader("retry-after", retryAfter);
      }
      client.end(out);
      return Future.succeededFuture();
    });
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }
}
