package dev.switchyard.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchyard.json.Json;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * {@link Storage} over JDBC, for SQLite and PostgreSQL alike: the SQL is portable, only the pool
 * settings and the migration folder differ per dialect.
 */
public final class JdbcStorage implements Storage {
  private static final ObjectMapper JSON = Json.MAPPER;

  private final HikariDataSource dataSource;
  private final String description;

  private JdbcStorage(HikariDataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  /**
   * Opens the database named by a config URL, creating and migrating it as needed.
   *
   * @param url {@code sqlite:PATH}, {@code sqlite::memory:}, {@code jdbc:sqlite:...},
   *     {@code jdbc:postgresql://...} or {@code postgresql://...}
   */
  public static JdbcStorage open(String url) {
    StorageUrl parsed = StorageUrl.parse(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(parsed.jdbcUrl());
    config.setPoolName("switchyard-" + parsed.dialect());
    if (parsed.dialect().equals("sqlite")) {
      // One writer at a time is SQLite's rule; WAL lets readers proceed beside it.
      config.setMaximumPoolSize(parsed.inMemory() ? 1 : 4);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.setConnectionInitSql("PRAGMA busy_timeout = 10000");
      if (parsed.inMemory()) {
        config.setMaxLifetime(0);
        config.setIdleTimeout(0);
      }
    } else {
      config.setMaximumPoolSize(8);
    }
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/" + parsed.dialect())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcStorage(dataSource, parsed.description());
  }

  @Override
  public Optional<StoredKey> findKeyByHash(String keyHash) {
    return query("SELECT * FROM virtual_keys WHERE key_hash = ?", keyHash).stream().findFirst();
  }

  @Override
  public void insertKey(StoredKey key) {
    String sql = "INSERT INTO virtual_keys (id, name, key_hash, key_hint, models, metadata, created_at,"
        + " expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key.id());
      s.setString(2, key.name());
      s.setString(3, key.keyHash());
      s.setString(4, key.keyHint());
      s.setString(5, JSON.writeValueAsString(key.models()));
      s.setString(6, key.metadataJson());
      s.setLong(7, key.createdAt().toEpochMilli());
      setInstant(s, 8, key.expiresAt());
      setInstant(s, 9, key.revokedAt());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("could not store key " + key.id(), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<StoredKey> listKeys() {
    return query("SELECT * FROM virtual_keys WHERE revoked_at IS NULL ORDER BY created_at DESC, id");
  }

  @Override
  public boolean revokeKey(String id, Instant at) {
    String sql = "UPDATE virtual_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, at.toEpochMilli());
      s.setString(2, id);
      return s.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StorageException("could not revoke key " + id, e);
    }
  }

  @Override
  public void ping() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    } catch (SQLException e) {
      throw new StorageException("database unreachable", e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private List<StoredKey> query(String sql, String... params) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        List<StoredKey> result = new ArrayList<>();
        while (rows.next()) {
          result.add(new StoredKey(
              rows.getString("id"),
              rows.getString("name"),
              rows.getString("key_hash"),
              rows.getString("key_hint"),
              JSON.readValue(rows.getString("models"), new TypeReference<List<String>>() {}),
              rows.getString("metadata"),
              Instant.ofEpochMilli(rows.getLong("created_at")),
              instant(rows, "expires_at"),
              instant(rows, "revoked_at")));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new StorageException("could not read keys", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  private static void setInstant(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
    if (value.isPresent()) {
      s.setLong(index, value.get().toEpochMilli());
    } else {
      s.setNull(index, Types.BIGINT);
    }
  }
}
