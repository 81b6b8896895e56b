package dev.switchyard.pipeline;

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

  public GatewayException(int status, ErrorKind kind, String code, String param, String message) {
    super(message, null, false, false);
    this.status = status;
    this.kind = kind;
    this.code = Optional.ofNullable(code);
    this.param = Optional.ofNullable(param);
  }

  public static GatewayException invalidRequest(String param, String message) {
    return new GatewayException(400, ErrorKind.INVALID_REQUEST, null, param, message);
  }

  public static GatewayException unauthorized(String message) {
    return new GatewayException(401, ErrorKind.AUTHENTICATION, "invalid_api_key", null, message);
  }

  public static GatewayException forbidden(String message) {
    return new GatewayException(403, ErrorKind.PERMISSION, "model_not_allowed", "model", message);
  }

  public static GatewayException modelNotFound(String model) {
    return new GatewayException(404, ErrorKind.NOT_FOUND, "model_not_found", "model",
        "The model `" + model + "` does not exist or is not configured on this gateway.");
  }

  public static GatewayException badGateway(String message) {
    return new GatewayException(502, ErrorKind.UPSTREAM, "upstream_error", null, message);
  }

  public static GatewayException gatewayTimeout(String message) {
    return new GatewayException(504, ErrorKind.UPSTREAM, "upstream_timeout", null, message);
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

  /** Protocol-neutral error categories; each ingress maps them to its own type names. */
  public enum ErrorKind {
    INVALID_REQUEST,
    AUTHENTICATION,
    PERMISSION,
    NOT_FOUND,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    UPSTREAM,
    INTERNAL
  }
}
