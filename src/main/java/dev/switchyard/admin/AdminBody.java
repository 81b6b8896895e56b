package dev.switchyard.admin;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * The body of an admin request: JSON only, at most {@code server.limits.max_admin_body_size},
 * kept in memory (never a file). Read only once the caller is known to hold the master key; until
 * then the request stays paused, and a refused one's body is never read at all.
 */
final class AdminBody {
  static final String SETTING = "server.limits.max_admin_body_size";

  private AdminBody() {}

  /** Whether the request announces a body: a length above zero, or chunks. */
  static boolean announced(HttpServerRequest request) {
    String length = request.getHeader("content-length");
    if (length != null) {
      return !length.trim().equals("0");
    }
    return request.getHeader("transfer-encoding") != null;
  }

  /**
   * Reads the paused request's body (empty if it has none), or fails with 415 (not JSON) or 413
   * (announced too large) without reading it, or with 413 once more than {@code limit} arrived.
   */
  static Future<Buffer> read(HttpServerRequest request, int limit) {
    String type = request.getHeader("content-type");
    if (announced(request) && type != null && !isJson(type)) {
      return Future.failedFuture(new GatewayException(415, ErrorKind.OTHER_CLIENT_ERROR, "unsupported_media_type",
          null, "The admin API takes JSON only (content-type: application/json), not '" + shown(type) + "'."));
    }
    String declared = request.getHeader("content-length");
    if (declared != null && lengthOf(declared) > limit) {
      return Future.failedFuture(tooLarge(limit));
    }
    if (request.isEnded()) { // never wait for an end already past (paused on arrival, it cannot be)
      return Future.succeededFuture(Buffer.buffer());
    }
    Promise<Buffer> body = Promise.promise();
    Buffer buffer = Buffer.buffer();
    request.handler(chunk -> {
      if (buffer.length() + chunk.length() > limit) {
        request.pause(); // the rest stays unread: the connection closes after the answer
        body.tryFail(tooLarge(limit));
      } else {
        buffer.appendBuffer(chunk);
      }
    });
    request.endHandler(ignored -> body.tryComplete(buffer));
    request.exceptionHandler(body::tryFail);
    request.resume();
    return body.future();
  }

  private static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
        .toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
  }

  private static GatewayException tooLarge(int limit) {
    return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "request_too_large", null,
        "The admin request body is larger than " + SETTING + " (" + limit + " bytes).");
  }

  private static long lengthOf(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE; // not a length: refused like one too large
    }
  }

  private static String shown(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "..." : value;
  }
}
