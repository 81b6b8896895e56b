package dev.switchyard.error;

/**
 * Switchyard's one error vocabulary: every error a client can get, whoever caused it, is one of
 * these kinds, each with the HTTP status that stands for it. This enum is the only status table;
 * each protocol renders a kind in its own words ({@code OpenAiErrors}, {@code AnthropicErrors},
 * {@code GeminiErrors}) and reads its words back through the same mapping.
 */
public enum ErrorKind {
  INVALID_REQUEST(400),
  AUTHENTICATION(401),
  BILLING(402),
  PERMISSION(403),
  NOT_FOUND(404),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  /** A client error with no kind of its own (405, 408, 410, 415...). */
  OTHER_CLIENT_ERROR(400),
  RATE_LIMITED(429),
  CANCELLED(499),
  /** A fault in Switchyard itself. */
  INTERNAL(500),
  /** A provider's own server error. */
  PROVIDER_ERROR(500),
  NOT_IMPLEMENTED(501),
  /** The provider could not be reached, refused Switchyard's credential, or answered nonsense. */
  UPSTREAM_UNAVAILABLE(502),
  UNAVAILABLE(503),
  TIMEOUT(504);

  /** Anthropic's own status for an overloaded service; 503 everywhere else. */
  public static final int ANTHROPIC_OVERLOADED = 529;

  private final int status;

  ErrorKind(int status) {
    this.status = status;
  }

  /** The HTTP status this kind has when Switchyard itself answers with it. */
  public int status() {
    return status;
  }

  /** The kind of a provider's HTTP error status. */
  public static ErrorKind ofStatus(int status) {
    return switch (status) {
      case 400, 422 -> INVALID_REQUEST;
      case 401 -> AUTHENTICATION;
      case 402 -> BILLING;
      case 403 -> PERMISSION;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 429 -> RATE_LIMITED;
      case 499 -> CANCELLED;
      case 500 -> PROVIDER_ERROR;
      case 501 -> NOT_IMPLEMENTED;
      case 502 -> UPSTREAM_UNAVAILABLE;
      case 503, ANTHROPIC_OVERLOADED -> UNAVAILABLE;
      case 408, 504 -> TIMEOUT;
      default -> status >= 400 && status < 500 ? OTHER_CLIENT_ERROR : PROVIDER_ERROR;
    };
  }

  /**
   * The status a client gets for a provider's status: the provider's own, unless it is one only
   * that provider uses (Anthropic's 529), which becomes its kind's standard status.
   */
  public static int clientStatus(int upstreamStatus) {
    return upstreamStatus >= 400 && upstreamStatus <= 599 && upstreamStatus != ANTHROPIC_OVERLOADED
        ? upstreamStatus : ofStatus(upstreamStatus).status();
  }

  /**
   * Whether a provider's answer with {@code status} failed in a way another try may cure. An answer
   * below 400 is no failure at all ({@link #ofStatus} reads only error statuses).
   */
  public static boolean isRetryableStatus(int status) {
    return status >= 400 && ofStatus(status).isRetryable();
  }

  /** Whether another provider may well succeed where a provider's error of this kind came from. */
  public boolean isRetryable() {
    return switch (this) {
      case RATE_LIMITED, PROVIDER_ERROR, NOT_IMPLEMENTED, UPSTREAM_UNAVAILABLE, UNAVAILABLE, TIMEOUT -> true;
      default -> false;
    };
  }
}
