package dev.switchyard.pipeline;

import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord.Outcome;
import java.util.Optional;

/**
 * How an exchange ended, as every stage that called {@link Chain#proceed} gets to see it: whether
 * the client got the whole answer, its status, and the usage the provider reported.
 *
 * @param status the status the client got
 * @param usage as the provider reported it; empty when it reported none (or nothing was called)
 */
public record Completion(Outcome outcome, int status, Optional<Usage> usage) {

  /** The client went away before the answer was complete. */
  public static Completion cancelled(int status, Optional<Usage> usage) {
    return new Completion(Outcome.CLIENT_CANCELLED, status, usage);
  }

  public boolean completed() {
    return outcome == Outcome.COMPLETED;
  }
}
