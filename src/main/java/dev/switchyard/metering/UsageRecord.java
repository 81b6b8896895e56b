package dev.switchyard.metering;

import dev.switchyard.canonical.Usage;
import java.time.Instant;
import java.util.Optional;

/**
 * One finished request, as handed to the metering hook.
 *
 * @param keyId the Switchyard key that made the request ("master" for the master key)
 * @param model the model name the client asked for
 * @param provider the provider that served it, empty when no upstream answered
 * @param upstreamModel the model name sent upstream
 * @param usage what the provider reported; empty when it reported nothing
 * @param outcome how the exchange ended
 * @param attempts how many upstream attempts were made (failover)
 * @param overheadMicros time spent inside Switchyard itself
 */
public record UsageRecord(
    String requestId,
    Instant startedAt,
    String keyId,
    String endpoint,
    String model,
    Optional<String> provider,
    Optional<String> upstreamModel,
    boolean stream,
    int status,
    Optional<Usage> usage,
    Outcome outcome,
    int attempts,
    long durationMillis,
    long overheadMicros) {

  /** How an exchange ended. */
  public enum Outcome {
    /** The answer reached the client whole. */
    COMPLETED,
    /** Upstream answered with an error that was relayed. */
    UPSTREAM_ERROR,
    /** Switchyard refused the request (auth, validation, routing) or no upstream was reachable. */
    REJECTED,
    /** The client went away before the end; the upstream call was cancelled. */
    CLIENT_CANCELLED,
    /** The upstream stream broke off before its end. */
    INTERRUPTED
  }
}
