package dev.switchyard.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.storage.JdbcStorage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.storage.StoredKey;
import dev.switchyard.testing.GatedStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  private static final String MASTER = "sk-master-for-tests";

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-15T10:00:00Z"));
  private volatile LimitsConfig limits = LimitsConfig.DEFAULT;
  private GatedStorage storage;
  private StorageExecutor executor;
  private Authenticator authenticator;

  @BeforeEach
  void start() {
    storage = new GatedStorage(JdbcStorage.open("sqlite::memory:"));
    executor = new StorageExecutor(2);
    authenticator = new Authenticator(MASTER, storage, executor, clock, () -> limits);
  }

  private void limits(int maxPendingKeyLookups, Duration unknownKeyCacheTtl) {
    LimitsConfig d = LimitsConfig.DEFAULT;
    limits = new LimitsConfig(d.requestHeadTimeout(), d.idleTimeout(), d.bodyTimeout(), d.maxConnections(),
        d.maxSchemaNodes(), d.maxMediaUrls(), d.maxMediaTotalBytes(), d.maxStreamEventBytes(), d.maxStreamDuration(),
        d.maxDroppedFields(), maxPendingKeyLookups, unknownKeyCacheTtl, d.maxAdminBodyBytes());
  }

  @AfterEach
  void stop() {
    executor.close();
    storage.close();
  }

  /** Stores a new key and returns its secret. */
  private String storedKey(List<String> models, Optional<Instant> expiresAt) {
    String secret = ApiKeys.generate();
    storage.insertKey(new StoredKey("key_" + secret.substring(6, 14), "team key", ApiKeys.hash(secret),
        ApiKeys.hint(secret), models, "{}", clock.instant(), expiresAt, Optional.empty()));
    return secret;
  }

  private Principal accepted(String key) throws Exception {
    return authenticator.authenticate(Optional.of(key)).get(5, TimeUnit.SECONDS);
  }

  private GatewayException refused(Optional<String> key) throws Exception {
    CompletableFuture<Principal> result = authenticator.authenticate(key);
    try {
      Principal principal = result.get(5, TimeUnit.SECONDS);
      throw new AssertionError("expected a refusal, got " + principal);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(GatewayException.class);
      GatewayException refusal = (GatewayException) e.getCause();
      assertThat(refusal.status()).isEqualTo(401);
      return refusal;
    }
  }

  private GatewayException refused(String key) throws Exception {
    return refused(Optional.of(key));
  }

  @Test
  void masterKeyIsAcceptedAsTheMaster() throws Exception {
    CompletableFuture<Principal> result = authenticator.authenticate(Optional.of(MASTER));

    assertThat(result).isCompleted(); // no storage round trip for the master key
    assertThat(result.get()).isEqualTo(Principal.MASTER);
  }

  @Test
  void missingKeyIsRefused() throws Exception {
    assertThat(refused(Optional.empty()).getMessage()).startsWith("Missing API key");
  }

  @Test
  void unknownKeysAreRefused() throws Exception {
    assertThat(refused(ApiKeys.generate()).getMessage()).isEqualTo("Incorrect API key provided.");
    assertThat(refused("sk-not-ours").getMessage()).isEqualTo("Incorrect API key provided.");
    assertThat(refused(MASTER + "x").getMessage()).isEqualTo("Incorrect API key provided.");
  }

  @Test
  void storedKeyIsAcceptedWithItsIdentityAndModels() throws Exception {
    String secret = storedKey(List.of("gpt-*"), Optional.empty());

    Principal principal = accepted(secret);

    assertThat(principal.master()).isFalse();
    assertThat(principal.keyId()).isEqualTo("key_" + secret.substring(6, 14));
    assertThat(principal.name()).isEqualTo("team key");
    assertThat(principal.modelPatterns()).containsExactly("gpt-*");
    assertThat(accepted(secret)).isEqualTo(principal); // and again, from the cache
  }

  @Test
  void keyIsRefusedOnceItsExpiryIsReached() throws Exception {
    String secret = storedKey(List.of(), Optional.of(clock.instant().plus(Duration.ofHours(1))));
    accepted(secret);

    clock.advance(Duration.ofMinutes(59));
    accepted(secret);
    clock.advance(Duration.ofMinutes(1));

    assertThat(refused(secret).getMessage()).isEqualTo("This API key has expired.");
  }

  @Test
  void keyStoredAlreadyExpiredIsRefused() throws Exception {
    String secret = storedKey(List.of(), Optional.of(clock.instant().minusSeconds(1)));

    assertThat(refused(secret).getMessage()).isEqualTo("This API key has expired.");
  }

  @Test
  void revokedAndForgottenKeyIsRefusedAtOnce() throws Exception {
    String secret = storedKey(List.of(), Optional.empty());
    Principal principal = accepted(secret);

    storage.revokeKey(principal.keyId(), clock.instant());
    authenticator.forget(ApiKeys.hash(secret));

    assertThat(refused(secret).getMessage()).isEqualTo("Incorrect API key provided.");
  }

  @Test
  void revokedKeyThatWasNotForgottenIsServedFromTheCacheUntilItExpires() throws Exception {
    String secret = storedKey(List.of(), Optional.empty());
    Principal principal = accepted(secret);

    storage.revokeKey(principal.keyId(), clock.instant());

    // what forget() is for: without it this node trusts its cache for up to POSITIVE_TTL
    assertThat(accepted(secret)).isEqualTo(principal);
  }

  @Test
  void keyRevokedBeforeItsFirstUseIsRefused() throws Exception {
    String secret = storedKey(List.of(), Optional.empty());
    storage.revokeKey("key_" + secret.substring(6, 14), clock.instant());

    assertThat(refused(secret).getMessage()).isEqualTo("Incorrect API key provided.");
  }

  @Test
  void aFloodOfMadeUpKeysCostsOneLookupPerKey() throws Exception {
    List<String> madeUp = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      madeUp.add(ApiKeys.generate());
    }

    for (int round = 0; round < 3; round++) {
      for (String key : madeUp) {
        refused(key);
      }
      Thread.sleep(round == 0 ? 2_500 : 0); // past a short fixed TTL, well within the configured 30 s
    }

    assertThat(storage.lookups()).isEqualTo(200);
    CompletableFuture<Principal> again = authenticator.authenticate(Optional.of(madeUp.get(7)));
    assertThat(again).isCompletedExceptionally(); // refused from memory, on the caller's thread
  }

  @Test
  void anUnknownKeyIsLookedUpAgainOnceItsTtlHasPassed() throws Exception {
    limits(LimitsConfig.DEFAULT.maxPendingKeyLookups(), Duration.ofSeconds(1));
    String madeUp = ApiKeys.generate();
    refused(madeUp);
    refused(madeUp);
    assertThat(storage.lookups()).isEqualTo(1);

    Thread.sleep(1_500);
    refused(madeUp);

    assertThat(storage.lookups()).isEqualTo(2);
  }

  @Test
  void aKeyRefusedAsUnknownIsAcceptedOnceForgottenAfterItsCreation() throws Exception {
    String secret = ApiKeys.generate();
    refused(secret);
    storage.insertKey(new StoredKey("key_late", "late", ApiKeys.hash(secret), ApiKeys.hint(secret), List.of(), "{}",
        clock.instant(), Optional.empty(), Optional.empty()));
    refused(secret); // this node remembers the key as unknown

    authenticator.forget(ApiKeys.hash(secret)); // what the admin API does after creating a key

    assertThat(accepted(secret).keyId()).isEqualTo("key_late");
  }

  @Test
  void lookupsPastTheLimitAreRefusedAtOnceWith503() throws Exception {
    limits(2, Duration.ofSeconds(30));
    storage.hold();
    CompletableFuture<Principal> first = authenticator.authenticate(Optional.of(ApiKeys.generate()));
    String second = ApiKeys.generate();
    CompletableFuture<Principal> secondKey = authenticator.authenticate(Optional.of(second));
    storage.awaitLookups(2);

    CompletableFuture<Principal> third = authenticator.authenticate(Optional.of(ApiKeys.generate()));
    CompletableFuture<Principal> secondAgain = authenticator.authenticate(Optional.of(second));

    assertThat(third).isCompletedExceptionally(); // at once, not queued
    GatewayException busy = (GatewayException) third.handle((principal, failure) -> failure).join();
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.getMessage()).contains("server.limits.max_pending_key_lookups");
    assertThat(busy.retryAfterHeader()).contains("1");
    assertThat(secondAgain).isNotDone(); // the same key shares the look-up under way
    storage.release();
    for (CompletableFuture<Principal> held : List.of(first, secondKey, secondAgain)) {
      ExecutionException refusal = assertThrows(ExecutionException.class, () -> held.get(5, TimeUnit.SECONDS));
      assertThat(((GatewayException) refusal.getCause()).status()).isEqualTo(401);
    }
    assertThat(storage.lookups()).isEqualTo(2);
    refused(ApiKeys.generate()); // the queue is free again
  }

  @Test
  void newMasterKeyReplacesTheOldOne() throws Exception {
    authenticator.setMasterKey("sk-new-master");

    assertThat(accepted("sk-new-master")).isEqualTo(Principal.MASTER);
    refused(MASTER);
  }
}
