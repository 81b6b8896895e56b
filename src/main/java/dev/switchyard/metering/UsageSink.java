package dev.switchyard.metering;

/**
 * Where finished requests go for metering. Called on an event loop once per request: an
 * implementation must not block (queue and write in batches elsewhere).
 */
@FunctionalInterface
public interface UsageSink {
  void record(UsageRecord record);

  static UsageSink disabled() {
    return record -> {};
  }

  /** Logs each record at debug level; the default until usage is stored. */
  static UsageSink logging() {
    return new LoggingUsageSink();
  }
}
