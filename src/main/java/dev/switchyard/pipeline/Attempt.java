package dev.switchyard.pipeline;

import dev.switchyard.canonical.Usage;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord.Outcome;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.provider.WireProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One try at serving a request from one target: which provider and model, with which of its
 * credentials, between which protocols; when it started, when its answer began and ended; and how
 * it went. The exchange keeps every attempt in order, so failover, metering and a ledger can say
 * what happened to each. Lives on the exchange's event loop: no locking.
 */
public final class Attempt {
  private final int number;
  private final UpstreamTarget target;
  private final Optional<Provider.Credential> credential;
  private final WireProtocol clientProtocol;
  private final NextTry nextTry;
  private final long startNanos = System.nanoTime();
  private long responseNanos = -1;
  private long firstByteNanos = -1;
  private long endNanos = -1;
  private int upstreamStatus;
  private Usage usage;
  private Outcome outcome;
  private GatewayException error;
  private GatewayException stoppedBy;
  private final List<Runnable> onStop = new ArrayList<>(2);

  /**
   * @param number 1 for the first attempt of an exchange
   * @param nextTry whether a failing answer is dropped for another try (the same target again, or
   *     the next); never on the request's last try
   */
  public Attempt(int number, UpstreamTarget target, Optional<Provider.Credential> credential,
      WireProtocol clientProtocol, NextTry nextTry) {
    this.number = number;
    this.target = target;
    this.credential = credential;
    this.clientProtocol = clientProtocol;
    this.nextTry = nextTry;
  }

  public int number() {
    return number;
  }

  public UpstreamTarget target() {
    return target;
  }

  public Provider provider() {
    return target.provider();
  }

  /** The provider credential this attempt uses; its {@code toString} names it without the secret. */
  public Optional<Provider.Credential> credential() {
    return credential;
  }

  public WireProtocol clientProtocol() {
    return clientProtocol;
  }

  public WireProtocol providerProtocol() {
    return target.provider().protocol();
  }

  /** Same protocol on both sides: the body goes through as it came. */
  public boolean isPassthrough() {
    return clientProtocol == providerProtocol();
  }

  /** Whether another try follows a provider's answer: if so, the answer is dropped unread. */
  @FunctionalInterface
  public interface NextTry {
    /** @param retryAfter the provider's {@code Retry-After}, if it sent one */
    boolean follows(int status, Optional<Duration> retryAfter);
  }

  /** Whether the provider's answer with {@code status} is dropped unread for another try. */
  public boolean triesAgainAfter(int status) {
    return nextTry.follows(status, Optional.empty());
  }

  /** As {@link #triesAgainAfter(int)}, the provider having asked for a wait of {@code retryAfter}. */
  public boolean triesAgainAfter(int status, Optional<Duration> retryAfter) {
    return nextTry.follows(status, retryAfter);
  }

  // ---- as it happens ----

  /** The provider's status and headers arrived. */
  public void responded(int status) {
    upstreamStatus = status;
    responseNanos = System.nanoTime();
  }

  /** The first byte of this attempt's answer went to the client. */
  public void firstByteSent() {
    if (firstByteNanos < 0) {
      firstByteNanos = System.nanoTime();
    }
  }

  /** The provider reported usage (a later report replaces an earlier one). */
  public void usage(Usage value) {
    usage = value;
  }

  /** This attempt's answer reached the client, whole or not: the exchange ends with it. */
  public Completion served(Outcome how, int clientStatus) {
    outcome = how;
    endNanos = System.nanoTime();
    return new Completion(how, clientStatus, usage());
  }

  /** This attempt got no answer the client may see: unreachable, timed out, refused, or failing over. */
  public void failed(GatewayException why) {
    error = why;
    endNanos = System.nanoTime();
  }

  /** Runs {@code action} when the gateway stops this attempt itself (at once if it already has). */
  public void onStop(Runnable action) {
    if (stoppedBy != null) {
      action.run();
    } else {
      onStop.add(action);
    }
  }

  /**
   * The gateway ends this attempt before its answer does — a limit was reached: whoever relays the
   * answer tells the client {@code why} in its protocol, and the call is abandoned.
   */
  public void stop(GatewayException why) {
    if (stoppedBy != null || isOver()) {
      return;
    }
    stoppedBy = why;
    List<Runnable> actions = List.copyOf(onStop);
    onStop.clear();
    actions.forEach(Runnable::run);
  }

  /** Why the gateway stopped this attempt, if it did. */
  public Optional<GatewayException> stoppedBy() {
    return Optional.ofNullable(stoppedBy);
  }

  // ---- what happened ----

  /** The provider's HTTP status, 0 if none arrived. */
  public int upstreamStatus() {
    return upstreamStatus;
  }

  public Optional<Usage> usage() {
    return Optional.ofNullable(usage);
  }

  /** How the exchange ended, when this attempt served it. */
  public Optional<Outcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** Why this attempt did not serve the request, if it did not. */
  public Optional<GatewayException> error() {
    return Optional.ofNullable(error);
  }

  public Optional<ErrorKind> errorKind() {
    return error().map(GatewayException::kind);
  }

  public boolean isOver() {
    return endNanos >= 0;
  }

  public long startNanos() {
    return startNanos;
  }

  /** From the start until the provider's status arrived; empty if it never did. */
  public Optional<Long> timeToResponseMicros() {
    return responseNanos < 0 ? Optional.empty() : Optional.of((responseNanos - startNanos) / 1000);
  }

  /** From the start until the first byte reached the client; empty if none did. */
  public Optional<Long> timeToFirstByteMicros() {
    return firstByteNanos < 0 ? Optional.empty() : Optional.of((firstByteNanos - startNanos) / 1000);
  }

  /** From the start to the end, or until now while it runs. */
  public long durationMicros() {
    return ((endNanos < 0 ? System.nanoTime() : endNanos) - startNanos) / 1000;
  }

  @Override
  public String toString() {
    return "attempt " + number + " at " + target.provider().name() + "/" + target.upstreamModel();
  }
}
