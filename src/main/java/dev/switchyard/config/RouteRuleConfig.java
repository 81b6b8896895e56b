package dev.switchyard.config;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code routes:}: requests that match go to another model — the internal
 * summariser's key to a cheap model, {@code x-switchyard-tier: batch} to a batch one. Every
 * condition given must hold; the first rule that matches wins.
 *
 * @param model the requested model name, exact or with one {@code *}; empty: any
 * @param headers request headers that must have these values (names and values compared without case)
 * @param key a key's id or name; empty: any key
 * @param metadata entries the key's metadata must hold
 * @param use the configured model (or experiment) the request goes to instead
 */
public record RouteRuleConfig(Optional<String> model, Map<String, String> headers, Optional<String> key,
    Map<String, String> metadata, String use) {
  public RouteRuleConfig {
    headers = Map.copyOf(headers);
    metadata = Map.copyOf(metadata);
  }
}
