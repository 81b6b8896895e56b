package dev.switchyard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Storage} must do, run against each database. Ids and hashes are unique per
 * run and lists are filtered to this test's own keys, since a server database may be shared.
 */
abstract class StorageContract {
  protected Storage storage;
  protected final List<String> createdIds = new ArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** Opens the database under test; called before each test. */
  protected abstract Storage open();

  /** Removes what this test stored, where the database outlives the test. */
  protected void cleanUp(List<String> ids) {}

  @BeforeEach
  void openStorage() {
    storage = open();
  }

  @AfterEach
  void closeStorage() {
    if (storage == null) { // open() skipped or failed: nothing was stored
      return;
    }
    try {
      cleanUp(createdIds);
    } finally {
      storage.close();
    }
  }

  protected StoredKey key(String name, Instant createdAt) {
    String id = "key_" + run + "_" + name;
    createdIds.add(id);
    return new StoredKey(id, "key " + name, "hash-" + run + "-" + name, "sk-sy-abcd...wxyz",
        List.of("gpt-*", "o4-mini"), "{\"team\":\"blue\",\"n\":1}", createdAt, Optional.empty(), Optional.empty());
  }

  private List<StoredKey> ownLiveKeys() {
    return storage.listKeys().stream().filter(k -> createdIds.contains(k.id())).toList();
  }

  @Test
  void insertedKeyIsFoundByItsHashWithEveryField() {
    Instant created = Instant.ofEpochMilli(1_750_000_000_123L);
    StoredKey key = new StoredKey("key_" + run + "_full", "full \u00e9 \"quoted\"", "hash-" + run + "-full",
        "sk-sy-ABCD...9xyz", List.of(), "{}", created, Optional.of(created.plusSeconds(3600)), Optional.empty());
    createdIds.add(key.id());

    storage.insertKey(key);

    assertThat(storage.findKeyByHash(key.keyHash())).contains(key);
  }

  @Test
  void modelsAndMetadataRoundTrip() {
    StoredKey key = key("models", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);

    StoredKey found = storage.findKeyByHash(key.keyHash()).orElseThrow();

    assertThat(found.models()).containsExactly("gpt-*", "o4-mini");
    assertThat(found.metadataJson()).isEqualTo("{\"team\":\"blue\",\"n\":1}");
    assertThat(found.expiresAt()).isEmpty();
    assertThat(found.revokedAt()).isEmpty();
  }

  @Test
  void unknownHashFindsNothing() {
    assertThat(storage.findKeyByHash("no-such-hash-" + run)).isEmpty();
  }

  @Test
  void listShowsLiveKeysNewestFirst() {
    StoredKey old = key("old", Instant.ofEpochMilli(1_000));
    StoredKey recent = key("recent", Instant.ofEpochMilli(3_000));
    StoredKey middle = key("middle", Instant.ofEpochMilli(2_000));
    storage.insertKey(old);
    storage.insertKey(recent);
    storage.insertKey(middle);

    assertThat(ownLiveKeys()).containsExactly(recent, middle, old);
  }

  @Test
  void revokedKeyLeavesTheListButIsStillFoundWithItsRevocationTime() {
    StoredKey kept = key("kept", Instant.ofEpochMilli(1_000));
    StoredKey gone = key("gone", Instant.ofEpochMilli(2_000));
    storage.insertKey(kept);
    storage.insertKey(gone);
    Instant at = Instant.ofEpochMilli(5_000);

    assertThat(storage.revokeKey(gone.id(), at)).isTrue();

    assertThat(ownLiveKeys()).containsExactly(kept);
    assertThat(storage.findKeyByHash(gone.keyHash()).orElseThrow().revokedAt()).contains(at);
  }

  @Test
  void revokingTwiceOrAnUnknownIdReportsNothingRevoked() {
    StoredKey key = key("twice", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);
    storage.revokeKey(key.id(), Instant.ofEpochMilli(2_000));

    assertThat(storage.revokeKey(key.id(), Instant.ofEpochMilli(3_000))).isFalse();
    assertThat(storage.findKeyByHash(key.keyHash()).orElseThrow().revokedAt())
        .contains(Instant.ofEpochMilli(2_000));
    assertThat(storage.revokeKey("key_" + run + "_nobody", Instant.ofEpochMilli(3_000))).isFalse();
  }

  @Test
  void duplicateHashIsRefused() {
    StoredKey first = key("first", Instant.ofEpochMilli(1_000));
    storage.insertKey(first);
    StoredKey sameHash = new StoredKey(key("second", Instant.ofEpochMilli(2_000)).id(), "x", first.keyHash(),
        "h", List.of(), "{}", Instant.ofEpochMilli(2_000), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> storage.insertKey(sameHash)).isInstanceOf(StorageException.class)
        .hasMessageStartingWith("could not store key " + sameHash.id());
  }

  @Test
  void pingSucceedsAndDescriptionNamesTheDatabase() {
    storage.ping();

    assertThat(storage.describe()).isNotBlank();
  }
}
