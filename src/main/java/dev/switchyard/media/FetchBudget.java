package dev.switchyard.media;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all of one request's media fetches may take together
 * ({@code server.limits.max_media_total_size}); each fetch takes its bytes as they arrive. Bytes
 * of a fetch that failed stay taken: they were fetched.
 */
public final class FetchBudget {
  static final String SETTING = "server.limits.max_media_total_size";

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public FetchBudget(long limit) {
    this.limit = limit;
  }

  /** Whether {@code bytes} more would still fit, without taking them. */
  boolean fits(long bytes) {
    return bytes <= limit - used.get();
  }

  /** Takes {@code bytes} if they fit; false, taking nothing, if they do not. */
  boolean take(long bytes) {
    long now;
    do {
      now = used.get();
      if (bytes > limit - now) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  GatewayException exceeded() {
    return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "media_too_large", "messages",
        "The images and documents the gateway fetches for this request are larger together than "
            + SETTING + " (" + limit + " bytes): send some inline, or fewer.");
  }
}
