package dev.switchyard.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A virtual key as stored: never the secret, only its SHA-256 hash and a short hint to recognise it.
 *
 * @param models patterns of the models it may use ({@code gpt-*}); empty means every model
 * @param metadataJson free-form JSON object given at creation
 */
public record StoredKey(
    String id,
    String name,
    String keyHash,
    String keyHint,
    List<String> models,
    String metadataJson,
    Instant createdAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt) {

  public StoredKey {
    models = List.copyOf(models);
  }
}
