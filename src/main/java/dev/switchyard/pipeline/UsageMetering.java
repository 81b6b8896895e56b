package dev.switchyard.pipeline;

import dev.switchyard.metering.UsageRecord;
import dev.switchyard.metering.UsageSink;
import dev.switchyard.provider.UpstreamTarget;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Metering on the side: every finished exchange becomes one {@link UsageRecord} for the sink. */
public final class UsageMetering implements ExchangeObserver {
  private static final Logger LOG = LoggerFactory.getLogger(UsageMetering.class);

  private final UsageSink sink;

  public UsageMetering(UsageSink sink) {
    this.sink = sink;
  }

  @Override
  public void completed(Exchange exchange, Completion completion) {
    try {
      sink.record(record(exchange, completion));
    } catch (RuntimeException e) {
      LOG.error("request {}: the metering hook failed", exchange.requestId(), e);
    }
  }

  static UsageRecord record(Exchange exchange, Completion completion) {
    ProxyRequest request = exchange.request();
    List<Attempt> attempts = exchange.attempts();
    Optional<UpstreamTarget> servedBy = attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast().target());
    return new UsageRecord(
        exchange.requestId(),
        exchange.startedAt(),
        request.principal().map(Principal::keyId).orElse(""),
        request.ingress().endpointName(),
        request.model(),
        servedBy.map(t -> t.provider().name()),
        servedBy.map(UpstreamTarget::upstreamModel),
        request.stream(),
        completion.status(),
        completion.usage(),
        completion.outcome(),
        attempts.size(),
        exchange.elapsedMillis(),
        exchange.overheadMicros());
  }
}
