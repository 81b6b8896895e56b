package dev.switchyard.pipeline;

import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.protocol.TopLevelObjectCapture;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Same protocol on both sides: the answer comes back as it arrives — a body piped through, a
 * stream relayed event by event — and usage is read on the way past. Each protocol says only how
 * its usage reads, which stream events a client should not see, and how its errors look.
 *
 * <p>Design note: this is the hot path. Nothing here parses a whole answer: a body is scanned
 * byte by byte for its top-level {@code usage}, a stream event is parsed only when its protocol
 * says it may carry usage.
 */
public abstract class PassthroughForwarder implements Forwarder {
  private static final Logger LOG = LoggerFactory.getLogger(PassthroughForwarder.class);

  /** Reads a top-level {@code usage} object of a complete answer, in this protocol's terms. */
  protected abstract Optional<Usage> usageObject(byte[] json);

  /**
   * Looks at one stream event on its way to the client: records any usage on the exchange, and
   * says whether the client should see it.
   */
  protected abstract boolean relayEvent(Exchange exchange, SseEvent event);

  /** The event that tells this protocol's clients the stream broke off. */
  protected abstract Buffer interruptedEvent();

  /** What finds the usage member of a complete answer as its bytes go by. */
  protected TopLevelObjectCapture usageCapture(Exchange exchange) {
    return new TopLevelObjectCapture("usage");
  }

  /** Whether an error body already has this protocol's error shape, so it can be relayed as it is. */
  protected abstract boolean isOwnErrorShape(Buffer body);

  /** This protocol's error body for a provider error that lacks that shape. */
  protected abstract Buffer wrapError(int status, String message);

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
    TopLevelObjectCapture usage = usageCapture(exchange);
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
      exchange.usage(usage.finish().flatMap(this::usageObject).orElse(null));
      exchange.outcome(Outcome.COMPLETED);
      ClientWrites.end(client);
      done.tryComplete();
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Void> relayStream(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    HttpServerResponse client = exchange.head(200, upstream.headers().get("content-type"));
    client.putHeader("cache-control", "no-cache");
    client.setChunked(true);
    Promise<Void> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    SseEventSplitter events = new SseEventSplitter(event -> {
      if (relayEvent(exchange, event)) {
        ClientWrites.write(client, Buffer.buffer(event.raw()), body);
      }
    });
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      events.feed(chunk);
      exchange.pauseOwnWork();
    });
    body.exceptionHandler(failure -> {
      if (!exchange.clientGone()) {
        LOG.warn("request {}: stream from {} broke off: {}", exchange.requestId(), target.provider().name(),
            failure.toString());
        exchange.outcome(Outcome.INTERRUPTED);
        if (!client.ended()) {
          client.end(interruptedEvent());
        }
      }
      done.tryComplete();
    });
    body.endHandler(ignored -> {
      exchange.resumeOwnWork();
      events.finish();
      exchange.outcome(Outcome.COMPLETED);
      ClientWrites.end(client);
      done.tryComplete();
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse upstream) {
    Provider provider = target.provider();
    return UpstreamErrors.read(exchange, provider, credential, upstream).compose(body -> {
      int status = upstream.status();
      String text = provider.redact(body.toString(StandardCharsets.UTF_8));
      Buffer out = Buffer.buffer(text);
      if (!isOwnErrorShape(out)) {
        out = wrapError(status, "Provider '" + provider.name() + "' answered HTTP " + status
            + (text.isBlank() ? "." : ": " + abbreviate(text)));
      }
      exchange.head(status, "application/json").end(out);
      return Future.succeededFuture();
    });
  }


  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }
}
