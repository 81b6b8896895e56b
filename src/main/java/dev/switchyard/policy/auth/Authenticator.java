package dev.switchyard.policy.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.storage.StoredKey;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a presented key into a {@link Principal}, or refuses it with 401. Keys are looked up by
 * their hash in a memory cache in front of storage, so the secret is never compared byte by byte
 * and a hit costs one SHA-256. A revoke through this node drops the cache entry at once; entries
 * also expire, so a revoke through another replica takes effect within {@link #POSITIVE_TTL}.
 */
public final class Authenticator {
  static final Duration POSITIVE_TTL = Duration.ofSeconds(30);
  static final Duration NEGATIVE_TTL = Duration.ofSeconds(2);

  private final AtomicReference<byte[]> masterKeyHash = new AtomicReference<>();
  private final AsyncLoadingCache<String, Optional<StoredKey>> keys;
  private final Clock clock;

  public Authenticator(String masterKey, Storage storage, StorageExecutor executor, Clock clock) {
    this.clock = clock;
    setMasterKey(masterKey);
    this.keys = Caffeine.newBuilder()
        .maximumSize(100_000)
        .executor(executor.executor())
        .expireAfter(new Expiry<String, Optional<StoredKey>>() {
          @Override
          public long expireAfterCreate(String hash, Optional<StoredKey> key, long now) {
            return (key.isPresent() ? POSITIVE_TTL : NEGATIVE_TTL).toNanos();
          }

          @Override
          public long expireAfterUpdate(String hash, Optional<StoredKey> key, long now, long current) {
            return expireAfterCreate(hash, key, now);
          }

          @Override
          public long expireAfterRead(String hash, Optional<StoredKey> key, long now, long current) {
            return current;
          }
        })
        .buildAsync(storage::findKeyByHash);
  }

  /** Replaces the master key (config reload). */
  public void setMasterKey(String masterKey) {
    masterKeyHash.set(ApiKeys.sha256(masterKey));
  }

  public CompletableFuture<Principal> authenticate(Optional<String> presented) {
    if (presented.isEmpty()) {
      return CompletableFuture.failedFuture(GatewayException.unauthorized(
          "Missing API key: pass your Switchyard key as 'Authorization: Bearer <key>'."));
    }
    String key = presented.get();
    byte[] hash = ApiKeys.sha256(key);
    if (MessageDigest.isEqual(hash, masterKeyHash.get())) {
      return CompletableFuture.completedFuture(Principal.MASTER);
    }
    if (!key.startsWith(ApiKeys.PREFIX)) {
      return CompletableFuture.failedFuture(invalidKey());
    }
    String hex = java.util.HexFormat.of().formatHex(hash);
    // A dependent stage would wrap a refusal in CompletionException, which callers would then
    // report as a 500; completing a fresh future keeps the GatewayException itself as the cause.
    CompletableFuture<Principal> result = new CompletableFuture<>();
    keys.get(hex).whenComplete((found, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return;
      }
      try {
        result.complete(principalOf(found));
      } catch (GatewayException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  private Principal principalOf(Optional<StoredKey> found) {
    StoredKey stored = found.orElseThrow(Authenticator::invalidKey);
    Instant now = clock.instant();
    if (stored.revokedAt().isPresent()) {
      throw invalidKey();
    }
    if (stored.expiresAt().isPresent() && !now.isBefore(stored.expiresAt().get())) {
      throw GatewayException.unauthorized("This API key has expired.");
    }
    return new Principal(stored.id(), stored.name(), stored.models(), false);
  }

  /** Forgets a key at once, after it was revoked. */
  public void forget(String keyHash) {
    keys.synchronous().invalidate(keyHash);
  }

  private static GatewayException invalidKey() {
    return GatewayException.unauthorized("Incorrect API key provided.");
  }
}
