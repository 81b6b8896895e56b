package dev.switchyard.forwarding;

import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.protocol.TopLevelObjectCapture;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
 * stream relayed event by event — and usage is read on the way past. The protocol's
 * {@link PassthroughCodec} says how its requests are edited, how its usage reads, which stream
 * events a client should not see, when a stream is whole, and how its errors look.
 *
 * <p>Design note: this is the hot path. Nothing here parses a whole answer: a body is scanned
 * byte by byte for its top-level usage, a stream event is parsed only when its protocol says it
 * may carry usage.
 */
final class PassthroughForwarder implements Forwarder {
  private static final Logger LOG = LoggerFactory.getLogger(PassthroughForwarder.class);

  private final PassthroughCodec codec;

  PassthroughForwarder(PassthroughCodec codec) {
    this.codec = codec;
  }

  @Override
  public Future<UpstreamRequest> prepare(AttemptContext context) {
    return Future.succeededFuture(codec.request(context.client(), context.target(),
        context.attempt().credential()));
  }

  @Override
  public Future<Completion> relayAnswer(AttemptContext context, UpstreamResponse upstream) {
    Exchange exchange = context.exchange();
    Attempt attempt = context.attempt();
    String contentType = Optional.ofNullable(upstream.headers().get("content-type")).orElse("application/json");
    HttpServerResponse client = exchange.head(upstream.status(), contentType);
    String length = upstream.headers().get("content-length");
    if (length != null) {
      client.putHeader("content-length", length);
    } else {
      client.setChunked(true);
    }
    TopLevelObjectCapture usage = codec.usageCapture(context.client());
    Promise<Completion> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      usage.feed(chunk.getBytes());
      ClientWrites.write(client, chunk, body);
      exchange.pauseOwnWork();
    });
    Handler<Throwable> brokeOff = failure -> {
      if (done.future().isComplete()) {
        return;
      }
      client.reset();
      done.tryComplete(exchange.clientGone()
          ? Completion.cancelled(upstream.status(), attempt.usage())
          : attempt.served(Outcome.INTERRUPTED, upstream.status()));
    };
    body.exceptionHandler(brokeOff);
    attempt.onStop(() -> brokeOff.handle(null));
    body.endHandler(ignored -> {
      exchange.resumeOwnWork();
      usage.finish().flatMap(codec::usageObject).ifPresent(attempt::usage);
      ClientWrites.end(client);
      done.tryComplete(attempt.served(Outcome.COMPLETED, upstream.status()));
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Completion> relayStream(AttemptContext context, UpstreamResponse upstream) {
    Exchange exchange = context.exchange();
    Attempt attempt = context.attempt();
    HttpServerResponse client = exchange.head(200, upstream.headers().get("content-type"));
    client.putHeader("cache-control", "no-cache");
    client.setChunked(true);
    Promise<Completion> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    PassthroughCodec.StreamWatch watch = codec.watchStream(context.client());
    SseEventSplitter events = StreamLimits.splitter(context, event -> {
      if (watch.relay(event)) {
        ClientWrites.write(client, Buffer.buffer(event.raw()), body);
      }
    });
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      StreamLimits.feed(context, events, chunk);
      exchange.pauseOwnWork();
    });
    Handler<Throwable> brokeOff = failure -> {
      if (done.future().isComplete()) {
        return;
      }
      watch.usage().ifPresent(attempt::usage);
      if (exchange.clientGone()) {
        done.tryComplete(Completion.cancelled(200, attempt.usage()));
        return;
      }
      Optional<GatewayException> stopped = attempt.stoppedBy();
      if (stopped.isPresent()) { // the gateway cut it: the client hears which limit
        if (!client.ended() && !client.closed()) {
          client.end(codec.errorEvent(stopped.get()));
        }
        done.tryComplete(attempt.served(Outcome.INTERRUPTED, 200));
        return;
      }
      if (!watch.finished()) {
        LOG.warn("request {}: stream from {} broke off: {}", exchange.requestId(), context.provider().name(),
            failure.toString());
      }
      done.tryComplete(endStream(client, watch, attempt));
    };
    body.exceptionHandler(brokeOff);
    attempt.onStop(() -> brokeOff.handle(null));
    body.endHandler(ignored -> {
      if (done.future().isComplete()) {
        return;
      }
      exchange.resumeOwnWork();
      events.finish();
      watch.usage().ifPresent(attempt::usage);
      done.tryComplete(endStream(client, watch, attempt));
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  /** A stream that ended before its answer finished gets the protocol's error event, and counts as interrupted. */
  private Completion endStream(HttpServerResponse client, PassthroughCodec.StreamWatch watch, Attempt attempt) {
    if (watch.finished()) {
      ClientWrites.end(client);
      return attempt.served(watch.failed() ? Outcome.UPSTREAM_ERROR : Outcome.COMPLETED, 200);
    }
    if (!client.ended() && !client.closed()) {
      client.end(codec.interruptedEvent());
    }
    return attempt.served(Outcome.INTERRUPTED, 200);
  }

  @Override
  public Future<Completion> relayError(AttemptContext context, UpstreamResponse upstream) {
    Provider provider = context.provider();
    return UpstreamErrors.read(context, upstream).map(body -> {
      int status = upstream.status();
      String text = provider.redact(body.toString(StandardCharsets.UTF_8));
      Buffer out = Buffer.buffer(text);
      if (!codec.isOwnErrorShape(out)) {
        out = codec.wrapError(status, "Provider '" + provider.name() + "' answered HTTP " + status
            + (text.isBlank() ? "." : ": " + abbreviate(text)));
      }
      context.exchange().head(status, "application/json").end(out);
      return context.attempt().served(Outcome.UPSTREAM_ERROR, status);
    });
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }
}
