package dev.switchyard.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Watches every response a test client gets from the gateway for an upstream credential. All
 * upstream keys in the suite are made by {@link #newUpstreamKey()} and share one prefix, so any
 * occurrence of the prefix in a client-visible header or body is a leak.
 */
public final class LeakGuard {
  public static final String UPSTREAM_KEY_PREFIX = "sk-upstream-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> LEAKS = new ArrayList<>();
  private static int inspected;

  private LeakGuard() {}

  /** A fresh upstream API key, recognisable wherever it turns up. */
  public static String newUpstreamKey() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return UPSTREAM_KEY_PREFIX + HexFormat.of().formatHex(bytes);
  }

  /** Checks one response's headers and (whole or partial) body. */
  public static void inspect(String what, Map<String, List<String>> headers, byte[] body) {
    StringBuilder leaks = new StringBuilder();
    headers.forEach((name, values) -> values.forEach(value -> {
      if (value.contains(UPSTREAM_KEY_PREFIX) || name.contains(UPSTREAM_KEY_PREFIX)) {
        leaks.append("header ").append(name).append(": ").append(value).append("; ");
      }
    }));
    String text = new String(body, StandardCharsets.ISO_8859_1); // byte-faithful, prefix is ASCII
    int at = text.indexOf(UPSTREAM_KEY_PREFIX);
    if (at >= 0) {
      leaks.append("body: ...").append(text, Math.max(0, at - 40), Math.min(text.length(), at + 60)).append("...");
    }
    synchronized (LEAKS) {
      inspected++;
      if (!leaks.isEmpty()) {
        LEAKS.add(what + " -> " + leaks);
      }
    }
  }

  /** How many responses were inspected so far (lets a test show the guard actually ran). */
  public static int inspectedCount() {
    synchronized (LEAKS) {
      return inspected;
    }
  }

  /** Fails if any response so far carried an upstream key. */
  public static void assertNoLeaks() {
    synchronized (LEAKS) {
      if (!LEAKS.isEmpty()) {
        throw new AssertionError("upstream credentials reached a client:\n  " + String.join("\n  ", LEAKS));
      }
    }
  }
}
