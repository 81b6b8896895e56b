package dev.switchyard.config;

/**
 * The {@code storage:} block.
 *
 * @param url {@code sqlite:./switchyard.db}, {@code sqlite::memory:}, or a JDBC URL such as
 *     {@code jdbc:postgresql://host/db}
 */
public record StorageConfig(String url) {
  public static final String DEFAULT_URL = "sqlite:./switchyard.db";
}
