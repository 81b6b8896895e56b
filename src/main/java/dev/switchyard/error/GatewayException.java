package dev.switchyard.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A request that Switchyard answers with an error of its own. The ingress protocol renders it in
 * the client's error format; nothing here is ever an upstream credential or a stack trace.
 */
public final class GatewayException extends RuntimeException {
  private final int status;
  private final ErrorKind kind;
  private final Optional<String> code;
  private final Optional<String> param;
  private final Optional<Duration> retryAfter;

  /** An error with its kind's own status. */
  public GatewayException(ErrorKind kind, String code, String param, String message) {
    this(kind.status(), kind, code, param, message);
  }

  /** An error whose status is not its kind's own (a provider's 422 relayed as it came, say). */
  public GatewayException(int status, ErrorKind kind, String code, String param, String message) {
    this(status, kind, Optional.ofNullable(code), Optional.ofNullable(param), message, Optional.empty());
  }

  private GatewayException(int status, ErrorKind kind, Optional<String> code, Optional<String> param, String message,
      Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.kind = kind;
    this.code = code;
    this.param = param;
    this.retryAfter = retryAfter;
  }

  /** This error, telling the client to retry after {@code wait} (a refusal that passes with the load). */
  public GatewayException withRetryAfter(Duration wait) {
    return new GatewayException(status, kind, code, param, getMessage(), Optional.of(wait));
  }

  public static GatewayException invalidRequest(String param, String message) {
    return new GatewayException(ErrorKind.INVALID_REQUEST, null, param, message);
  }

  public static GatewayException unauthorized(String message) {
    return new GatewayException(ErrorKind.AUTHENTICATION, "invalid_api_key", null, message);
  }

  public static GatewayException forbidden(String message) {
    return new GatewayException(ErrorKind.PERMISSION, "model_not_allowed", "model", message);
  }

  public static GatewayException modelNotFound(String model) {
    return new GatewayException(ErrorKind.NOT_FOUND, "model_not_found", "model",
        "The model `" + model + "` does not exist or is not configured on this gateway.");
  }

  public static GatewayException notFound(String message) {
    return new GatewayException(ErrorKind.NOT_FOUND, "not_found", null, message);
  }

  /** The code of {@link #targetUnavailable}: a target the gateway itself holds back (its circuit is open). */
  public static final String TARGET_UNAVAILABLE = "target_unavailable";

  /** A target not tried because the gateway holds it back; another try at it now would be held back too. */
  public static GatewayException targetUnavailable(String message) {
    return new GatewayException(ErrorKind.UNAVAILABLE, TARGET_UNAVAILABLE, null, message);
  }

  public boolean isTargetUnavailable() {
    return code.filter(TARGET_UNAVAILABLE::equals).isPresent();
  }

  public static GatewayException badGateway(String message) {
    return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream_error", null, message);
  }

  public static GatewayException gatewayTimeout(String message) {
    return new GatewayException(ErrorKind.TIMEOUT, "upstream_timeout", null, message);
  }

  /** A fault of Switchyard's own: the client gets the request id to quote, never the details. */
  public static GatewayException internal(String requestId) {
    return new GatewayException(ErrorKind.INTERNAL, "internal_error", null,
        "Internal error in the gateway" + (requestId == null ? "." : " (request id " + requestId + ")."));
  }

  public int status() {
    return status;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Optional<String> code() {
    return code;
  }

  public Optional<String> param() {
    return param;
  }

  /** The {@code retry-after} header to answer with (whole seconds, at least one), if any. */
  /** How long the client (or the gateway, retrying) is asked to wait before trying again. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  public Optional<String> retryAfterHeader() {
    return retryAfter.map(wait -> Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
  }
}
