package dev.switchyard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFileStorageTest extends StorageContract {
  @TempDir
  Path dir;

  private String url() {
    return "sqlite:" + dir.resolve("switchyard.db");
  }

  @Override
  protected Storage open() {
    return JdbcStorage.open(url());
  }

  private int appliedMigrations() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("switchyard.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  void keysSurviveReopeningTheFile() {
    StoredKey key = key("durable", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);
    storage.revokeKey("nothing", Instant.EPOCH);
    storage.close();

    storage = open();

    assertThat(storage.findKeyByHash(key.keyHash())).contains(key);
    assertThat(storage.listKeys()).containsExactly(key);
  }

  @Test
  void reopeningDoesNotMigrateAgain() throws SQLException {
    int before = appliedMigrations();
    storage.close();

    storage = open();
    storage.close();
    storage = open();

    assertThat(before).isPositive();
    assertThat(appliedMigrations()).isEqualTo(before);
  }

  @Test
  void jdbcFormOfTheUrlOpensTheSameFile() {
    StoredKey key = key("jdbc", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);
    storage.close();

    storage = JdbcStorage.open("jdbc:sqlite:" + dir.resolve("switchyard.db"));

    assertThat(storage.findKeyByHash(key.keyHash())).contains(key);
  }

  @Test
  void descriptionNamesTheFile() {
    assertThat(storage.describe()).isEqualTo("SQLite file " + dir.resolve("switchyard.db").toAbsolutePath());
  }
}
