package dev.switchyard.translation;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.media.MediaResolver;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.ClientWrites;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.error.GatewayException;
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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client speaks one protocol, the provider another: the request goes through the canonical
 * model to the provider's format, and the answer comes back the same way — a stream event by
 * event, through the provider's decoder into the client's encoder, never buffered whole.
 */
public final class TranslatingForwarder implements Forwarder {
  /** Names the request fields that had no equivalent at the provider and were left out. */
  public static final String DROPPED_HEADER = "x-switchyard-dropped-fields";

  private final IngressCodec ingress;
  private final EgressCodec egress;
  private final MediaResolver media;

  public TranslatingForwarder(IngressCodec ingress, EgressCodec egress, MediaResolver media) {
    this.ingress = ingress;
    this.egress = egress;
    this.media = media;
  }

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    return request(exchange, target, credential, canonical(exchange));
  }

  /** First makes the request fit the provider's media rules: URLs it cannot fetch are fetched or refused. */
  @Override
  public Future<UpstreamRequest> prepare(Exchange exchange, RouteTarget target,
      Optional<Provider.Credential> credential) {
    ChatRequest request;
    try {
      request = canonical(exchange);
    } catch (GatewayException e) {
      return Future.failedFuture(e);
    }
    return media.resolve(request, part -> egress.takesUrl(part, target), target.provider().name(),
            Vertx.currentContext().owner(), exchange.upstreamClient())
        .map(resolved -> request(exchange, target, credential, resolved));
  }

  /** The client's request in canonical form, translated once per exchange. */
  private ChatRequest canonical(Exchange exchange) {
    return exchange.canonical(client -> {
      Translation<ChatRequest> translation = ingress.toCanonical(client);
      exchange.droppedFields(translation.dropped());
      return translation.value();
    });
  }

  private UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      ChatRequest request) {
    Provider provider = target.provider();
    Translation<byte[]> body = egress.encodeRequest(request, target);
    TranslatedAnswers.announceDropped(exchange, body.dropped());
    return new UpstreamRequest(HttpMethod.POST, egress.path(request, target),
        provider.upstreamHeaders(credential, request.stream()), Buffer.buffer(body.value()), request.stream());
  }

  @Override
  public Future<Void> relayAnswer(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(exchange, target, upstream, egress::decodeResponse, ChatResponse::usage,
        answer -> ingress.encodeResponse(answer, exchange.clientRequest()));
  }

  @Override
  public Future<Void> relayStream(Exchange exchange, RouteTarget target, UpstreamResponse upstream) {
    HttpServerResponse client = exchange.head(200, ingress.streamContentType(exchange.clientRequest()));
    client.putHeader("cache-control", "no-cache");
    client.setChunked(true);
    Promise<Void> done = Promise.promise();
    ReadStream<Buffer> body = upstream.body();
    Consumer<StreamEvent> encoder = ingress.newStreamEncoder(exchange.clientRequest(), buffer -> ClientWrites.write(client, buffer, body));
    boolean[] ended = new boolean[1];
    Consumer<StreamEvent> meteredEncoder = event -> {
      if (event instanceof StreamEvent.Start start) {
        start.usage().ifPresent(exchange::usage);
      } else if (event instanceof StreamEvent.UsageReport report) {
        exchange.usage(report.usage());
      } else if (event instanceof StreamEvent.End || event instanceof StreamEvent.Failure) {
        ended[0] = true;
      }
      encoder.accept(event);
    };
    Consumer<SseEvent> decoder = egress.newStreamDecoder(meteredEncoder);
    SseEventSplitter events = new SseEventSplitter(decoder);
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      events.feed(chunk);
      exchange.pauseOwnWork();
    });
    body.exceptionHandler(failure -> {
      if (!exchange.clientGone() && !ended[0]) {
        exchange.outcome(Outcome.INTERRUPTED);
        encoder.accept(new StreamEvent.Failure(502, "stream_interrupted",
            "The upstream stream broke off before its end."));
      }
      ClientWrites.end(client);
      done.tryComplete();
    });
    body.endHandler(ignored -> {
      exchange.resumeOwnWork();
      events.finish();
      if (!ended[0]) { // the provider closed without its end event: the answer may be incomplete
        exchange.outcome(Outcome.INTERRUPTED);
        encoder.accept(new StreamEvent.Failure(502, "stream_interrupted",
            "The upstream stream ended before its final event."));
      } else if (exchange.outcome() != Outcome.INTERRUPTED) {
        exchange.outcome(Outcome.COMPLETED);
      }
      ClientWrites.end(client);
      done.tryComplete();
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse upstream) {
    return TranslatedAnswers.relayError(exchange, target, credential, upstream, egress::decodeError);
  }
}
