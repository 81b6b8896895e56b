package dev.switchyard.simulator;

import dev.switchyard.protocol.openai.OpenAiErrors;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the simulator will do for one request, decided up front: the status, headers and body
 * chunks, how long before the headers, how fast the paced chunks follow, and where the body breaks
 * off; or that no answer comes at all.
 *
 * @param delay time before the status and headers
 * @param tokensPerSecond pace of the body's paced chunks; 0 for as fast as possible
 * @param failAfterChunks how many chunks the body gives before breaking off; -1 for never
 * @param hang whether no answer ever comes
 */
record SimulatedReply(int status, MultiMap headers, List<SimulatedStream.Item> body, Duration delay,
    double tokensPerSecond, int failAfterChunks, boolean hang) {

  /** Plain bodies are cut into pieces of this size; into tiny ones when they are to break off. */
  private static final int PIECE = 64 * 1024;
  private static final int PIECE_WHEN_CUT = 64;

  static SimulatedReply hanging() {
    return new SimulatedReply(0, MultiMap.caseInsensitiveMultiMap(), List.of(), Duration.ZERO, 0, -1, true);
  }

  static SimulatedReply json(int status, Buffer body, Duration delay, int failAfterChunks) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("content-type", "application/json")
        .set("content-length", String.valueOf(body.length()));
    int piece = failAfterChunks >= 0 ? PIECE_WHEN_CUT : PIECE;
    List<SimulatedStream.Item> items = new ArrayList<>();
    for (int start = 0; start < body.length(); start += piece) {
      items.add(new SimulatedStream.Item(body.getBuffer(start, Math.min(body.length(), start + piece)), false));
    }
    return new SimulatedReply(status, headers, items, delay, 0, failAfterChunks, false);
  }

  static SimulatedReply eventStream(List<SimulatedStream.Item> events, Duration delay, double tokensPerSecond,
      int failAfterChunks) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("content-type", "text/event-stream; charset=utf-8")
        .set("cache-control", "no-cache");
    return new SimulatedReply(200, headers, events, delay, tokensPerSecond, failAfterChunks, false);
  }

  static SimulatedReply invalid(InvalidSimulatedRequest e, Duration delay) {
    return json(e.status(), OpenAiErrors.render(e.getMessage(), "invalid_request_error", e.param(), e.code()),
        delay, -1);
  }

  /** The error a real provider gives with {@code status}, as asked for by a directive. */
  static SimulatedReply failure(int status, String model, Duration delay) {
    String prefix = "Simulated HTTP " + status + ": ";
    Buffer body = switch (status) {
      case 401 -> error(prefix + "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
      case 403 -> error(prefix + "You are not allowed to use this model.", "invalid_request_error",
          "model_not_allowed");
      case 404 -> error(prefix + "The model `" + model + "` does not exist or you do not have access to it.",
          "invalid_request_error", "model_not_found");
      case 429 -> error(prefix + "Rate limit reached for " + model + ". Please try again in 1s.", "requests",
          "rate_limit_exceeded");
      case 500 -> error(prefix + "The server had an error while processing your request. Sorry about that!",
          "server_error", null);
      case 503 -> error(prefix + "The engine is currently overloaded, please try again later.", "server_error",
          null);
      default -> error(prefix + "The simulator was asked to fail.",
          status >= 500 ? "server_error" : "invalid_request_error", null);
    };
    SimulatedReply reply = json(status, body, delay, -1);
    if (status == 429) {
      reply.headers().set("retry-after", "1");
    }
    return reply;
  }

  private static Buffer error(String message, String type, String code) {
    return OpenAiErrors.render(message, type, Optional.empty(), Optional.ofNullable(code));
  }
}
