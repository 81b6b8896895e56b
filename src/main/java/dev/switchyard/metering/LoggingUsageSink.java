package dev.switchyard.metering;

import dev.switchyard.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default metering hook until usage is persisted: one debug line per request (logger
 * {@code dev.switchyard.usage}), so an operator can watch usage with the log level at DEBUG.
 */
final class LoggingUsageSink implements UsageSink {
  private static final Logger LOG = LoggerFactory.getLogger("dev.switchyard.usage");

  @Override
  public void record(UsageRecord r) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    LOG.debug("{} key={} {} model={} via={}/{} stream={} status={} outcome={} attempts={} usage={} {}ms overhead={}us",
        r.requestId(), r.keyId(), r.endpoint(), LogText.of(r.model()), r.provider().orElse("-"),
        r.upstreamModel().map(LogText::of).orElse("-"),
        r.stream(), r.status(), r.outcome(), r.attempts(),
        r.usage().map(u -> "in=" + u.inputTokens() + " cached=" + u.cachedInputTokens() + " out=" + u.outputTokens()
            + " reasoning=" + u.reasoningTokens()).orElse("not reported"),
        r.durationMillis(), r.overheadMicros());
  }
}
