package dev.switchyard.provider;

/** No answer came from a provider: it was unreachable, or it timed out. */
public final class UpstreamFailure extends RuntimeException {
  private final boolean timeout;

  public UpstreamFailure(String message, boolean timeout, Throwable cause) {
    super(message, cause, false, false);
    this.timeout = timeout;
  }

  public boolean isTimeout() {
    return timeout;
  }
}
