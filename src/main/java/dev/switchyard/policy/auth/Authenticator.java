package dev.switchyard.policy.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchyard.config.LimitsConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.json.Json;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.storage.StoredKey;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Turns a presented key into a {@link Principal}, or refuses it with 401. Keys are looked up by
 * their hash in memory caches in front of storage, so the secret is never compared byte by byte
 * and a hit costs one SHA-256. Keys storage has are kept for {@link #POSITIVE_TTL}; hashes it does
 * not have for {@code server.limits.unknown_key_cache_ttl}, apart, so a flood of made-up keys
 * reaches the database once per key and TTL and never pushes a real key out. Requests presenting
 * a key while it is looked up share that look-up; look-ups wait in a bounded queue
 * ({@link KeyLookups}). A key created or revoked through this node is forgotten at once;
 * otherwise a revoke through another replica takes effect within {@link #POSITIVE_TTL}.
 */
public final class Authenticator {
  static final Duration POSITIVE_TTL = Duration.ofSeconds(30);
  /** Entries each cache holds at most (a hash is 64 characters): bounded memory whatever is sent. */
  static final int CACHED_KEYS = 100_000;

  private final AtomicReference<byte[]> masterKeyHash = new AtomicReference<>();
  private final Cache<String, StoredKey> found;
  private final Cache<String, Boolean> unknown;
  private final Map<String, CompletableFuture<Optional<StoredKey>>> underWay = new ConcurrentHashMap<>();
  private final KeyLookups lookups;
  private final Clock clock;

  public Authenticator(String masterKey, Storage storage, StorageExecutor executor, Clock clock,
      Supplier<LimitsConfig> limits) {
    this.clock = clock;
    setMasterKey(masterKey);
    this.lookups = new KeyLookups(storage, executor, () -> limits.get().maxPendingKeyLookups());
    this.found = Caffeine.newBuilder()
        .maximumSize(CACHED_KEYS)
        .expireAfterWrite(POSITIVE_TTL)
        .build();
    this.unknown = Caffeine.newBuilder()
        .maximumSize(CACHED_KEYS)
        .expireAfter(new Expiry<String, Boolean>() { // the TTL as configured when the key was refused
          @Override
          public long expireAfterCreate(String hash, Boolean value, long now) {
            return limits.get().unknownKeyCacheTtl().toNanos();
          }

          @Override
          public long expireAfterUpdate(String hash, Boolean value, long now, long current) {
            return expireAfterCreate(hash, value, now);
          }

          @Override
          public long expireAfterRead(String hash, Boolean value, long now, long current) {
            return current;
          }
        })
        .build();
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
    String hex = HexFormat.of().formatHex(hash);
    StoredKey known = found.getIfPresent(hex);
    if (known != null || unknown.getIfPresent(hex) != null) {
      try {
        return CompletableFuture.completedFuture(principalOf(known));
      } catch (GatewayException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    // A dependent stage would wrap a refusal in CompletionException, which callers would then
    // report as a 500; completing a fresh future keeps the GatewayException itself as the cause.
    CompletableFuture<Principal> result = new CompletableFuture<>();
    lookUp(hex).whenComplete((stored, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return;
      }
      try {
        result.complete(principalOf(stored.orElse(null)));
      } catch (GatewayException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** The look-up of {@code hash} under way, or a new one, whose answer the caches keep. */
  private CompletableFuture<Optional<StoredKey>> lookUp(String hash) {
    CompletableFuture<Optional<StoredKey>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<StoredKey>> shared = underWay.putIfAbsent(hash, mine);
    if (shared != null) {
      return shared;
    }
    lookups.find(hash).whenComplete((stored, failure) -> {
      // Kept only if the key was not forgotten meanwhile: a revoke must not be undone by a late answer.
      if (underWay.remove(hash, mine) && failure == null) {
        stored.ifPresentOrElse(key -> found.put(hash, key), () -> unknown.put(hash, Boolean.TRUE));
      }
      if (failure == null) {
        mine.complete(stored);
      } else {
        mine.completeExceptionally(failure);
      }
    });
    return mine;
  }

  private Principal principalOf(StoredKey stored) {
    if (stored == null) {
      throw invalidKey();
    }
    Instant now = clock.instant();
    if (stored.revokedAt().isPresent()) {
      throw invalidKey();
    }
    if (stored.expiresAt().isPresent() && !now.isBefore(stored.expiresAt().get())) {
      throw GatewayException.unauthorized("This API key has expired.");
    }
    return new Principal(stored.id(), stored.name(), stored.models(), false, metadata(stored.metadataJson()));
  }

  /** A key's metadata with its values as text, for routing rules; unreadable metadata is none. */
  static Map<String, String> metadata(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, String> entries = new HashMap<>();
      Json.MAPPER.readTree(json).properties().forEach(entry -> entries.put(entry.getKey(),
          entry.getValue().isValueNode() ? entry.getValue().asText() : entry.getValue().toString()));
      return entries;
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /**
   * Forgets what this node remembers of a key, found or not, so its next use asks storage: after
   * the key was created (it may have been presented, and refused, before) or revoked.
   */
  public void forget(String keyHash) {
    underWay.remove(keyHash);
    unknown.invalidate(keyHash);
    found.invalidate(keyHash);
  }

  private static GatewayException invalidKey() {
    return GatewayException.unauthorized("Incorrect API key provided.");
  }
}
