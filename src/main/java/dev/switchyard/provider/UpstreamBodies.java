package dev.switchyard.provider;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Reading an upstream body whole, where it must be (errors, answers to translate), with a bound. */
public final class UpstreamBodies {
  private UpstreamBodies() {}

  /**
   * The body, keeping at most {@code limit} bytes; a body cut short by the connection is returned
   * as far as it came when {@code tolerateFailure}, else the future fails.
   */
  public static Future<Buffer> read(ReadStream<Buffer> body, int limit, boolean tolerateFailure) {
    Promise<Buffer> result = Promise.promise();
    Buffer buffer = Buffer.buffer();
    body.handler(chunk -> {
      if (buffer.length() < limit) {
        buffer.appendBuffer(chunk, 0, Math.min(chunk.length(), limit - buffer.length()));
      }
    });
    body.exceptionHandler(failure -> {
      if (tolerateFailure) {
        result.tryComplete(buffer);
      } else {
        result.tryFail(failure);
      }
    });
    body.endHandler(ignored -> result.tryComplete(buffer));
    return result.future();
  }
}
