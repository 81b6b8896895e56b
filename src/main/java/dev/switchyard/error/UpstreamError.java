package dev.switchyard.error;

/**
 * A provider's error as its protocol understood it, before the client's protocol renders it.
 *
 * @param status the status to give the client (a provider's own codes such as 529 mapped)
 * @param type the provider's own name for the error (its type or status name)
 */
public record UpstreamError(int status, String type, String message) {
  public ErrorKind kind() {
    return ErrorKind.ofStatus(status);
  }

  /** The error to answer with; provider text in {@code message} must already be redacted. */
  public GatewayException toException(String message) {
    return new GatewayException(status, kind(), type, null, message);
  }
}
