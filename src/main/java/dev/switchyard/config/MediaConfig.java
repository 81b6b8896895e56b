package dev.switchyard.config;

import java.time.Duration;

/**
 * Whether Switchyard may download an image or document a client gave by URL, for a provider that
 * cannot fetch URLs itself; off unless the operator turns it on, since the gateway then makes
 * requests on a client's behalf. Private, loopback and link-local addresses are never fetched.
 *
 * @param maxBytes the largest file fetched
 * @param timeout the longest a fetch may take, connection included
 */
public record MediaConfig(boolean fetchUrls, long maxBytes, Duration timeout) {
  public static final MediaConfig DEFAULT = new MediaConfig(false, 20L * 1024 * 1024, Duration.ofSeconds(10));
}
