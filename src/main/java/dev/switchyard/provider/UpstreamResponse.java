package dev.switchyard.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A provider's answer once its status and headers have arrived; the body follows as a stream.
 * Set the body's handlers before returning to the event loop, or pause it.
 */
public interface UpstreamResponse {
  int status();

  MultiMap headers();

  ReadStream<Buffer> body();
}
