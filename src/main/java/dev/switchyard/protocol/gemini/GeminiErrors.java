package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Google's error JSON, {@code {"error":{"code","message","status","details"}}}: rendered for
 * Switchyard's own errors on the native endpoint, and read from a Gemini upstream for clients of
 * other protocols. {@code code} is the HTTP status and {@code status} the canonical gRPC code name
 * (google.rpc.Code) that stands for it; the type handed on is that name, as Google wrote it.
 */
public final class GeminiErrors {
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

  private GeminiErrors() {}

  public static byte[] render(GatewayException e) {
    return JsonTrees.bytes(body(e.status(), grpcStatus(e.kind()), e.getMessage()));
  }

  /** The HTTP status stays the {@code code}, whatever gRPC name it gets. */
  public static byte[] render(int status, String message) {
    return JsonTrees.bytes(body(status, message));
  }

  static ObjectNode body(int status, String message) {
    return body(status, grpcStatus(status), message);
  }

  private static ObjectNode body(int status, String grpcStatus, String message) {
    ObjectNode body = JsonTrees.object();
    body.putObject("error").put("code", status).put("message", message).put("status", grpcStatus);
    return body;
  }

  /**
   * The gRPC code name Google gives an HTTP status. 413 has none of its own: Google answers an
   * oversized request with INVALID_ARGUMENT, and so does Switchyard (keeping 413 as the code).
   */
  public static String grpcStatus(int status) {
    return grpcStatus(ErrorKind.ofStatus(status));
  }

  /** Google's gRPC code name for each kind of error. */
  public static String grpcStatus(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, PAYLOAD_TOO_LARGE -> "INVALID_ARGUMENT";
      case AUTHENTICATION -> "UNAUTHENTICATED";
      case PERMISSION -> "PERMISSION_DENIED";
      case NOT_FOUND -> "NOT_FOUND";
      case CONFLICT -> "ABORTED";
      case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
      case CANCELLED -> "CANCELLED";
      case NOT_IMPLEMENTED -> "UNIMPLEMENTED";
      case UPSTREAM_UNAVAILABLE, UNAVAILABLE -> "UNAVAILABLE";
      case TIMEOUT -> "DEADLINE_EXCEEDED";
      case BILLING, OTHER_CLIENT_ERROR -> "FAILED_PRECONDITION";
      case INTERNAL, PROVIDER_ERROR -> "INTERNAL";
    };
  }

  /** The HTTP status a gRPC code name stands for (google.rpc.Code's own table); 500 if unknown. */
  public static int httpStatus(String grpcStatus) {
    return switch (grpcStatus) {
      case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
      case "UNAUTHENTICATED" -> 401;
      case "PERMISSION_DENIED" -> 403;
      case "NOT_FOUND" -> 404;
      case "ABORTED", "ALREADY_EXISTS" -> 409;
      case "RESOURCE_EXHAUSTED" -> 429;
      case "CANCELLED" -> 499;
      case "UNIMPLEMENTED" -> 501;
      case "UNAVAILABLE" -> 503;
      case "DEADLINE_EXCEEDED" -> 504;
      default -> 500;
    };
  }

  /**
   * Reads a Gemini error body; the client gets the upstream's HTTP status. A body that is not
   * Google's error JSON (a proxy's HTML page, say) keeps its status, gets the gRPC name that status
   * stands for, and is quoted as the message.
   */
  public static UpstreamError parse(int status, byte[] body) {
    try {
      JsonNode error = JsonTrees.MAPPER.readTree(body).path("error");
      if (error.isObject() && (error.has("message") || error.has("status"))) {
        return new UpstreamError(status, type(error, status), message(error));
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: described below
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    String message = text.isEmpty() ? "The Gemini upstream answered with status " + status + "."
        : text.length() > 500 ? text.substring(0, 500) : text;
    return new UpstreamError(status, grpcStatus(status), message);
  }

  /**
   * An {@code error} object met inside a stream, which came with HTTP 200: its {@code code} is the
   * status, or else its {@code status} name's.
   */
  static UpstreamError inStream(JsonNode error) {
    int status = error.path("code").isInt() && error.path("code").asInt() >= 400 ? error.path("code").asInt()
        : httpStatus(error.path("status").asText(""));
    return new UpstreamError(status, type(error, status), message(error));
  }

  private static String type(JsonNode error, int status) {
    String name = error.path("status").asText("");
    return name.isEmpty() ? grpcStatus(status) : name;
  }

  /** The message, with RetryInfo's delay appended: it is the one detail a client acts on. */
  private static String message(JsonNode error) {
    String message = error.path("message").asText("");
    for (JsonNode detail : error.path("details")) {
      if (RETRY_INFO.equals(detail.path("@type").asText()) && detail.path("retryDelay").isTextual()) {
        message = message + " (retry after " + detail.get("retryDelay").asText() + ")";
      }
    }
    return message;
  }
}
