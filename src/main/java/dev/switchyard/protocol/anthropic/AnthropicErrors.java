package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's error JSON, {@code {"type":"error","error":{"type","message"}}}: rendered for
 * Switchyard's own errors on the native endpoint, and read from an Anthropic upstream for clients
 * of other protocols. Anthropic answers "overloaded" with its own status 529; everywhere outside
 * Anthropic's wire that is 503, the standard status for it (and retryable).
 */
public final class AnthropicErrors {
  private AnthropicErrors() {}

  public static byte[] render(GatewayException e) {
    return render(type(e.kind()), e.getMessage());
  }

  public static byte[] render(int status, String message) {
    return render(type(ErrorKind.ofStatus(status)), message);
  }

  public static byte[] render(String type, String message) {
    ObjectNode body = JsonTrees.object().put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    return JsonTrees.bytes(body);
  }

  /** Anthropic's error type for an HTTP status. */
  public static String type(int status) {
    return type(ErrorKind.ofStatus(status));
  }

  /** Anthropic's name for each kind of error. */
  public static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, OTHER_CLIENT_ERROR, CONFLICT, CANCELLED -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case BILLING -> "billing_error";
      case PERMISSION -> "permission_error";
      case NOT_FOUND -> "not_found_error";
      case PAYLOAD_TOO_LARGE -> "request_too_large";
      case RATE_LIMITED -> "rate_limit_error";
      case UNAVAILABLE -> "overloaded_error";
      case TIMEOUT -> "timeout_error";
      case INTERNAL, PROVIDER_ERROR, NOT_IMPLEMENTED, UPSTREAM_UNAVAILABLE -> "api_error";
    };
  }

  /** The status an Anthropic error type stands for, outside Anthropic's wire (overloaded is 503). */
  public static int status(String type) {
    return switch (type) {
      case "invalid_request_error" -> 400;
      case "authentication_error" -> 401;
      case "billing_error" -> 402;
      case "permission_error" -> 403;
      case "not_found_error" -> 404;
      case "request_too_large" -> 413;
      case "rate_limit_error" -> 429;
      case "overloaded_error" -> 503;
      case "timeout_error" -> 504;
      default -> 500;
    };
  }

  /**
   * Reads an Anthropic error body. A body that is not Anthropic's error JSON (a proxy's HTML page,
   * say) keeps its status, gets the type that status stands for, and is quoted as the message.
   */
  public static UpstreamError parse(int status, byte[] body) {
    int clientStatus = ErrorKind.clientStatus(status);
    try {
      JsonNode error = JsonTrees.MAPPER.readTree(body).path("error");
      if (error.path("type").isTextual()) {
        return new UpstreamError(clientStatus, error.get("type").asText(), error.path("message").asText(""));
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: described below
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    String message = text.isEmpty() ? "The Anthropic upstream answered with status " + status + "."
        : text.length() > 500 ? text.substring(0, 500) : text;
    return new UpstreamError(clientStatus, type(status), message);
  }
}
