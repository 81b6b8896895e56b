package dev.switchyard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL. Outside CI it is skipped when no server listens; in CI
 * ({@code CI=true}) it always runs, so a missing database fails the build instead of hiding.
 */
class PostgresStorageTest extends StorageContract {
  static final String URL = System.getProperty("switchyard.test.postgres",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /** Null when the server answers, else why not; checked once for the whole class. */
  private static String unreachableBecause;
  private static boolean checked;

  private static synchronized void requirePostgres() {
    if (!checked) {
      unreachableBecause = unreachable();
      checked = true;
    }
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(unreachableBecause == null || ci, () -> "PostgreSQL at " + URL + " is unreachable ("
        + unreachableBecause + "); skipped because the environment variable CI is not 'true'");
  }

  /** Why the server cannot be reached, or null when it can. */
  private static String unreachable() {
    try (Connection c = DriverManager.getConnection(URL + "&connectTimeout=2&loginTimeout=3")) {
      return c.isValid(2) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  @Override
  protected Storage open() {
    requirePostgres();
    return JdbcStorage.open(URL);
  }

  @Override
  protected void cleanUp(List<String> ids) {
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement("DELETE FROM virtual_keys WHERE id = ?")) {
      for (String id : ids) {
        s.setString(1, id);
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not remove this test's keys", e);
    }
  }

  @Test
  void libpqStyleUrlReachesTheSameDatabase() {
    StoredKey key = key("libpq", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);

    try (Storage other = JdbcStorage.open("postgresql://postgres:unused-password@127.0.0.1:5432/test")) {
      assertThat(other.findKeyByHash(key.keyHash())).contains(key);
      assertThat(other.describe()).isEqualTo("PostgreSQL at //127.0.0.1:5432/test");
    }
  }

  @Test
  void reopeningKeepsKeysAndAppliesTheFirstMigrationOnce() throws SQLException {
    StoredKey key = key("durable", Instant.ofEpochMilli(1_000));
    storage.insertKey(key);
    storage.close();

    storage = open();

    assertThat(storage.findKeyByHash(key.keyHash())).contains(key);
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement(
            "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success");
        ResultSet rows = s.executeQuery()) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void descriptionNamesTheServerWithoutCredentials() {
    assertThat(storage.describe()).isEqualTo("PostgreSQL at //127.0.0.1:5432/test");
  }
}
