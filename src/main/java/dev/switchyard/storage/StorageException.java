package dev.switchyard.storage;

/** The database refused or could not be reached. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
