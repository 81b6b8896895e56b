package dev.switchyard.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage URL from the config, understood: which dialect, the JDBC URL, and a description
 * without credentials for the banner.
 */
record StorageUrl(String dialect, String jdbcUrl, boolean inMemory, String description) {
  /** Names each in-memory database apart: two gateways in one JVM must not share keys. */
  private static final AtomicLong MEMORY_DATABASES = new AtomicLong();

  /** Never shows the JDBC URL, which may hold a password. */
  @Override
  public String toString() {
    return description;
  }

  static StorageUrl parse(String url) {
    String u = url.trim();
    if (u.startsWith("jdbc:")) {
      u = u.substring("jdbc:".length());
    }
    if (u.startsWith("sqlite:")) {
      String path = u.substring("sqlite:".length());
      if (path.isEmpty() || path.equals(":memory:") || path.equals(":memory")) { // unquoted YAML cannot end in ':'
        return new StorageUrl("sqlite",
            "jdbc:sqlite:file:switchyard-" + MEMORY_DATABASES.incrementAndGet() + "?mode=memory&cache=shared", true,
            "SQLite in memory (nothing is kept after exit)");
      }
      Path file = Path.of(path).toAbsolutePath().normalize();
      return new StorageUrl("sqlite", "jdbc:sqlite:" + file, false, "SQLite file " + file);
    }
    if (u.startsWith("postgresql:") || u.startsWith("postgres:")) {
      String rest = credentialsAsParameters(u.substring(u.indexOf(':') + 1));
      String jdbcUrl = "jdbc:postgresql:" + rest;
      String withoutQuery = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
      String hostAndDb = withoutQuery.contains("@") ? "//" + withoutQuery.substring(withoutQuery.indexOf('@') + 1) : withoutQuery;
      return new StorageUrl("postgresql", jdbcUrl, false, "PostgreSQL at " + hostAndDb);
    }
    throw new IllegalArgumentException("storage.url must start with sqlite:, jdbc:sqlite:, "
        + "postgresql: or jdbc:postgresql: (got '" + url.replaceAll("//[^/?#]*@", "//***@") + "')");
  }

  /**
   * Moves libpq-style credentials ({@code //user:password@host/db}) into the query parameters
   * that the PostgreSQL JDBC driver reads, since it refuses user info in the authority.
   */
  private static String credentialsAsParameters(String rest) {
    if (!rest.startsWith("//")) {
      return rest;
    }
    int authorityEnd = rest.length();
    for (int i = 2; i < rest.length(); i++) {
      if (rest.charAt(i) == '/' || rest.charAt(i) == '?') {
        authorityEnd = i;
        break;
      }
    }
    String authority = rest.substring(2, authorityEnd);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return rest;
    }
    String userInfo = authority.substring(0, at);
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    StringBuilder parameters = new StringBuilder();
    if (!user.isEmpty()) {
      parameters.append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
    }
    if (colon >= 0) {
      parameters.append(parameters.isEmpty() ? "" : "&").append("password=")
          .append(URLEncoder.encode(decode(userInfo.substring(colon + 1)), StandardCharsets.UTF_8));
    }
    String tail = rest.substring(authorityEnd);
    if (!tail.startsWith("/")) {
      tail = "/" + tail; // the driver needs the slash even when the database is left to default
    }
    String hostAndTail = "//" + authority.substring(at + 1) + tail;
    if (parameters.isEmpty()) {
      return hostAndTail;
    }
    return hostAndTail + (tail.contains("?") ? "&" : "?") + parameters;
  }

  /** Percent-decoding as in a URI's user info, where '+' is a plus sign. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
