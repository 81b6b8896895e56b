package dev.switchyard.forwarding;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A provider's {@code Retry-After}: seconds, or an HTTP date; anything else is no advice. */
final class RetryAfter {
  private RetryAfter() {}

  static Optional<Duration> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      double seconds = Double.parseDouble(value); // some providers send fractions
      return seconds >= 0 && seconds < 1e9 ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
