package dev.switchyard.forwarding;

import dev.switchyard.canonical.Translation;
import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.logging.HeaderText;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.provider.UpstreamBodies;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every translating forwarder does alike, whatever it translates: chat, embeddings, counts. */
final class TranslatedAnswers {
  /** Names the request fields that had no equivalent at the provider and were left out. */
  static final String DROPPED_HEADER = "x-switchyard-dropped-fields";

  private static final Logger LOG = LoggerFactory.getLogger(TranslatedAnswers.class);
  private static final int MAX_ANSWER_BYTES = 64 << 20;
  private static final int MAX_FIELD_NAME = 200;

  private TranslatedAnswers() {}

  /**
   * Said, not silent: names in {@link #DROPPED_HEADER} what this attempt's provider will not get —
   * the client's fields with no canonical form and the canonical fields with no form at this
   * provider. Set per attempt, since a failover target may drop other fields. The names come from
   * the client's JSON, so the header holds at most {@code max_dropped_fields} of them (the rest
   * counted), each shortened and escaped to printable ASCII.
   */
  static void announceDropped(AttemptContext context, Translation<?> canonical, List<String> droppedByProvider) {
    Exchange exchange = context.exchange();
    LinkedHashSet<String> dropped = new LinkedHashSet<>(canonical.dropped());
    dropped.addAll(droppedByProvider);
    if (dropped.isEmpty()) {
      exchange.response().headers().remove(DROPPED_HEADER);
    } else {
      exchange.response().putHeader(DROPPED_HEADER, droppedHeader(dropped, context.limits().maxDroppedFields()));
    }
  }

  static String droppedHeader(Collection<String> dropped, int most) {
    StringBuilder header = new StringBuilder();
    int listed = 0;
    for (String name : dropped) {
      if (listed == most) {
        break;
      }
      if (listed++ > 0) {
        header.append(", ");
      }
      header.append(HeaderText.of(name, MAX_FIELD_NAME));
    }
    if (dropped.size() > listed) {
      header.append(listed > 0 ? ", " : "").append("(").append(dropped.size() - listed).append(" more)");
    }
    return header.toString();
  }

  /** Reads a complete answer and decodes it; a body the decoder cannot read is a 502. */
  static <T> Future<T> read(AttemptContext context, UpstreamResponse upstream, Function<byte[], T> decode) {
    Exchange exchange = context.exchange();
    exchange.pauseOwnWork();
    return UpstreamBodies.read(upstream.body(), MAX_ANSWER_BYTES, false).compose(body -> {
      exchange.resumeOwnWork();
      try {
        return Future.succeededFuture(decode.apply(body.getBytes()));
      } catch (GatewayException e) {
        return Future.failedFuture(e);
      } catch (RuntimeException e) {
        LOG.warn("request {}: unreadable answer from {}: {}", exchange.requestId(), context.provider().name(),
            e.toString());
        return Future.failedFuture(GatewayException.badGateway("Provider '" + context.provider().name()
            + "' answered with a body the gateway could not read."));
      }
    });
  }

  /**
   * A provider's error, understood by its protocol and answered in the client's: the same status
   * (a provider's own codes mapped), the provider's text with its secrets redacted.
   */
  static Future<Completion> relayError(AttemptContext context, UpstreamResponse upstream,
      BiFunction<Integer, byte[], UpstreamError> decodeError) {
    return UpstreamErrors.read(context, upstream).map(body -> {
      UpstreamError error = decodeError.apply(upstream.status(), body.getBytes());
      GatewayException answer = error.toException(context.provider().redact(error.message()));
      context.exchange().fail(answer);
      return context.attempt().served(Outcome.UPSTREAM_ERROR, answer.status());
    });
  }

  /**
   * Relays a complete answer: read, decoded by the provider's protocol, metered, shown to
   * {@code observe}, and written in the client's.
   */
  static <T> Future<Completion> relay(AttemptContext context, UpstreamResponse upstream,
      Function<byte[], T> decode, Function<T, Optional<Usage>> usage, Consumer<T> observe,
      Function<T, Buffer> encode) {
    return read(context, upstream, decode).map(answer -> {
      usage.apply(answer).ifPresent(context.attempt()::usage);
      observe.accept(answer);
      context.exchange().head(200, "application/json").end(encode.apply(answer));
      return context.attempt().served(Outcome.COMPLETED, 200);
    });
  }
}
