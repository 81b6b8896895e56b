package dev.switchyard.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.storage.JdbcStorage;
import dev.switchyard.storage.StorageExecutor;
import dev.switchyard.storage.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
  private JdbcStorage storage;
  private StorageExecutor executor;
  private Authenticator authenticator;

  @BeforeEach
  void start() {
    storage = JdbcStorage.open("sqlite::memory:");
    executor = new StorageExecutor(2);
    authenticator = new Authenticator(MASTER, storage, executor, clock);
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
  void newMasterKeyReplacesTheOldOne() throws Exception {
    authenticator.setMasterKey("sk-new-master");

    assertThat(accepted("sk-new-master")).isEqualTo(Principal.MASTER);
    refused(MASTER);
  }
}
