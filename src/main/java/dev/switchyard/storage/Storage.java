package dev.switchyard.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Switchyard keeps. Methods block (JDBC): call them off the event loop, through
 * {@link StorageExecutor}. Implementations: SQLite (the embedded default) and PostgreSQL.
 */
public interface Storage extends AutoCloseable {
  Optional<StoredKey> findKeyByHash(String keyHash);

  void insertKey(StoredKey key);

  /** Keys that are not revoked, newest first. */
  List<StoredKey> listKeys();

  /** Marks the key revoked; false when there is no such live key. */
  boolean revokeKey(String id, Instant at);

  /** A cheap round trip to the database, for readiness. */
  void ping();

  /** Where the data is kept, for the banner (no credentials). */
  String describe();

  @Override
  void close();
}
