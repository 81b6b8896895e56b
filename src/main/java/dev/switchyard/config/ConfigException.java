package dev.switchyard.config;

/** A configuration that cannot be used; the message names the file, line and key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
