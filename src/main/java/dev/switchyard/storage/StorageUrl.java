package dev.switchyard.storage;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage URL from the config, understood: which dialect, the JDBC URL, and a description
 * without credentials for the banner.
 */
record StorageUrl(String dialect, String jdbcUrl, boolean inMemory, String description) {
  /** Names each in-memory database apart: two gateways in one JVM must not share keys. */
  private static final AtomicLong MEMORY_DATABASES = new AtomicLong();

  static StorageUrl parse(String url) {
    String u = url.trim();
    if (u.startsWith("jdbc:")) {
      u = u.substring("jdbc:".length());
    }
    if (u.startsWith("sqlite:")) {
      String path = u.substring("sqlite:".length());
      if (path.isEmpty() || path.equals(":memory:")) {
        return new StorageUrl("sqlite",
            "jdbc:sqlite:file:switchyard-" + MEMORY_DATABASES.incrementAndGet() + "?mode=memory&cache=shared", true,
            "SQLite in memory (nothing is kept after exit)");
      }
      Path file = Path.of(path).toAbsolutePath().normalize();
      return new StorageUrl("sqlite", "jdbc:sqlite:" + file, false, "SQLite file " + file);
    }
    if (u.startsWith("postgresql:") || u.startsWith("postgres:")) {
      String rest = u.substring(u.indexOf(':') + 1);
      String jdbcUrl = "jdbc:postgresql:" + rest;
      String withoutQuery = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
      String hostAndDb = withoutQuery.contains("@") ? "//" + withoutQuery.substring(withoutQuery.indexOf('@') + 1) : withoutQuery;
      return new StorageUrl("postgresql", jdbcUrl, false, "PostgreSQL at " + hostAndDb);
    }
    throw new IllegalArgumentException("storage.url must start with sqlite:, jdbc:sqlite:, "
        + "postgresql: or jdbc:postgresql: (got '" + url + "')");
  }
}
