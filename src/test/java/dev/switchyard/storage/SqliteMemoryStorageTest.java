package dev.switchyard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteMemoryStorageTest extends StorageContract {
  @Override
  protected Storage open() {
    return JdbcStorage.open("sqlite::memory:");
  }

  @Test
  void nothingIsKeptAfterClose() {
    StoredKey key = key("fleeting", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);
    storage.close();

    storage = open();

    assertThat(storage.findKeyByHash(key.keyHash())).isEmpty();
  }

  @Test
  void twoMemoryStoragesOpenAtOnceDoNotShareKeys() {
    StoredKey key = key("private", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);

    try (Storage other = open()) {
      assertThat(other.findKeyByHash(key.keyHash())).isEmpty();
      assertThat(other.listKeys()).isEmpty();
    }
    assertThat(storage.findKeyByHash(key.keyHash())).contains(key);
  }

  @Test
  void descriptionSaysNothingIsKept() {
    assertThat(storage.describe()).isEqualTo("SQLite in memory (nothing is kept after exit)");
  }
}
