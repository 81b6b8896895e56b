package dev.switchyard.translation;

import dev.switchyard.error.UpstreamError;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.UpstreamErrors;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamBodies;
import dev.switchyard.provider.UpstreamResponse;
import dev.switchyard.routing.RouteTarget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every translating forwarder does alike, whatever it translates: chat or embeddings. */
final class TranslatedAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(TranslatedAnswers.class);
  private static final int MAX_ANSWER_BYTES = 64 << 20;

  private TranslatedAnswers() {}

  /**
   * Said, not silent: names in {@link TranslatingForwarder#DROPPED_HEADER} what this attempt's
   * provider will not get — the client's fields with no canonical form and the canonical fields with
   * no form at this provider. Set per attempt, since a failover target may drop other fields.
   */
  static void announceDropped(Exchange exchange, List<String> droppedByProvider) {
    List<String> dropped = new ArrayList<>(exchange.droppedFields());
    droppedByProvider.stream().filter(field -> !dropped.contains(field)).forEach(dropped::add);
    if (dropped.isEmpty()) {
      exchange.response().headers().remove(TranslatingForwarder.DROPPED_HEADER);
    } else {
      exchange.response().putHeader(TranslatingForwarder.DROPPED_HEADER, String.join(", ", dropped));
    }
  }

  /** Reads a complete answer and decodes it; a body the decoder cannot read is a 502. */
  static <T> Future<T> read(Exchange exchange, RouteTarget target, UpstreamResponse upstream,
      Function<byte[], T> decode) {
    exchange.pauseOwnWork();
    return UpstreamBodies.read(upstream.body(), MAX_ANSWER_BYTES, false).compose(body -> {
      exchange.resumeOwnWork();
      try {
        return Future.succeededFuture(decode.apply(body.getBytes()));
      } catch (GatewayException e) {
        return Future.failedFuture(e);
      } catch (RuntimeException e) {
        LOG.warn("request {}: unreadable answer from {}: {}", exchange.requestId(), target.provider().name(),
            e.toString());
        return Future.failedFuture(GatewayException.badGateway("Provider '" + target.provider().name()
            + "' answered with a body the gateway could not read."));
      }
    });
  }

  /** A provider's error, understood by its protocol and failed with, for the client's protocol to render. */
  static Future<Void> relayError(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential,
      UpstreamResponse upstream, BiFunction<Integer, byte[], UpstreamError> decodeError) {
    Provider provider = target.provider();
    return UpstreamErrors.read(exchange, provider, credential, upstream).compose(body -> {
      UpstreamError error = decodeError.apply(upstream.status(), body.getBytes());
      return Future.failedFuture(error.toException(provider.redact(error.message())));
    });
  }

  /**
   * Relays a complete answer: read, decoded by the provider's protocol, metered, and written in the
   * client's.
   */
  static <T> Future<Void> relay(Exchange exchange, RouteTarget target, UpstreamResponse upstream,
      Function<byte[], T> decode, Function<T, Optional<Usage>> usage, Function<T, Buffer> encode) {
    return read(exchange, target, upstream, decode).map(answer -> {
      usage.apply(answer).ifPresent(exchange::usage);
      exchange.outcome(Outcome.COMPLETED);
      exchange.head(200, "application/json").end(encode.apply(answer));
      return null;
    });
  }
}
