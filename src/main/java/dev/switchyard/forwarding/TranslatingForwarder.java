package dev.switchyard.forwarding;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.media.MediaResolver;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.protocol.StreamEncoder;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * The client speaks one protocol, the provider another: the request goes through the canonical
 * model to the provider's format, and the answer comes back the same way — a stream event by
 * event, through the provider's decoder into the client's encoder, never buffered whole.
 */
final class TranslatingForwarder implements Forwarder {
  private final ChatIngressCodec ingress;
  private final ChatEgressCodec egress;
  private final MediaResolver media;

  TranslatingForwarder(ChatIngressCodec ingress, ChatEgressCodec egress, MediaResolver media) {
    this.ingress = ingress;
    this.egress = egress;
    this.media = media;
  }

  /** The request in the provider's format, once media it cannot fetch itself are fetched (or refused). */
  @Override
  public Future<UpstreamRequest> prepare(AttemptContext context) {
    Translation<ChatRequest> canonical = context.translations().canonical(() -> ingress.toCanonical(context.client()));
    UpstreamTarget target = context.target();
    Exchange exchange = context.exchange();
    return media.resolve(canonical.value(), part -> egress.takesUrl(part, target), target.provider().name(),
            context.translations().media(), Vertx.currentContext().owner(), exchange.upstreamClient())
        .map(resolved -> request(context, canonical, resolved));
  }

  private UpstreamRequest request(AttemptContext context, Translation<ChatRequest> canonical, ChatRequest request) {
    Provider provider = context.provider();
    Translation<byte[]> body = egress.encodeRequest(request, context.target());
    TranslatedAnswers.announceDropped(context, canonical, body.dropped());
    return new UpstreamRequest(HttpMethod.POST, egress.path(request, context.target()),
        provider.upstreamHeaders(context.attempt().credential(), request.stream()), Buffer.buffer(body.value()),
        request.stream());
  }

  @Override
  public Future<Completion> relayAnswer(AttemptContext context, UpstreamResponse upstream) {
    return TranslatedAnswers.relay(context, upstream, egress::decodeResponse, ChatResponse::usage,
        context.exchange()::answer, answer -> ingress.encodeResponse(answer, context.client()));
  }

  @Override
  public Future<Completion> relayStream(AttemptContext context, UpstreamResponse upstream) {
    Exchange exchange = context.exchange();
    ClientRequest clientRequest = context.client();
    HttpServerResponse client = exchange.head(200, ingress.streamContentType(clientRequest));
    client.putHeader("cache-control", "no-cache");
    client.setChunked(true);
    ReadStream<Buffer> body = upstream.body();
    StreamEncoder encoder = ingress.newStreamEncoder(clientRequest, bytes -> ClientWrites.write(client, bytes, body));
    StreamTap tap = new StreamTap(exchange, context.attempt(), encoder);
    StreamDecoder decoder = egress.newStreamDecoder(tap::accept);
    SseEventSplitter events = StreamLimits.splitter(context, decoder::accept);
    Promise<Completion> done = Promise.promise();
    body.handler(chunk -> {
      exchange.resumeOwnWork();
      StreamLimits.feed(context, events, chunk);
      exchange.pauseOwnWork();
    });
    Attempt attempt = context.attempt();
    Handler<Throwable> brokeOff = failure -> {
      if (done.future().isComplete()) {
        return;
      }
      if (exchange.clientGone()) {
        done.tryComplete(Completion.cancelled(200, attempt.usage()));
        return;
      }
      attempt.stoppedBy().ifPresent(why -> tap.accept(new StreamEvent.Failure(why.status(),
          why.code().orElse("gateway_limit"), why.getMessage())));
      encoder.finish(); // the stream broke off: the client hears so in its protocol, unless it had ended
      ClientWrites.end(client);
      done.tryComplete(attempt.served(attempt.stoppedBy().isPresent() ? Outcome.INTERRUPTED : tap.outcome(), 200));
    };
    body.exceptionHandler(brokeOff);
    attempt.onStop(() -> brokeOff.handle(null));
    body.endHandler(ignored -> {
      if (done.future().isComplete()) {
        return;
      }
      exchange.resumeOwnWork();
      events.finish();
      decoder.finish();
      encoder.finish();
      ClientWrites.end(client);
      done.tryComplete(context.attempt().served(tap.outcome(), 200));
    });
    exchange.pauseOwnWork();
    return done.future();
  }

  @Override
  public Future<Completion> relayError(AttemptContext context, UpstreamResponse upstream) {
    return TranslatedAnswers.relayError(context, upstream, egress::decodeError);
  }

  /**
   * Between decoder and encoder: meters usage on the attempt, shows each event to the exchange's
   * observers, and remembers how the stream ended.
   */
  private static final class StreamTap {
    private final Exchange exchange;
    private final Attempt attempt;
    private final StreamEncoder encoder;
    private Outcome outcome = Outcome.INTERRUPTED; // until the stream says otherwise

    StreamTap(Exchange exchange, Attempt attempt, StreamEncoder encoder) {
      this.exchange = exchange;
      this.attempt = attempt;
      this.encoder = encoder;
    }

    void accept(StreamEvent event) {
      switch (event) {
        case StreamEvent.Start start -> start.usage().ifPresent(attempt::usage);
        case StreamEvent.UsageReport report -> attempt.usage(report.usage());
        case StreamEvent.End end -> outcome = Outcome.COMPLETED;
        case StreamEvent.Failure failure -> outcome = failure.isInterruption() ? Outcome.INTERRUPTED
            : Outcome.UPSTREAM_ERROR;
        default -> { }
      }
      exchange.streamEvent(event);
      encoder.accept(event);
    }

    Outcome outcome() {
      return outcome;
    }
  }
}
