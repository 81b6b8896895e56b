package dev.switchyard.forwarding;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/** Writing a relayed answer to the client with backpressure: a slow client pauses the upstream. */
final class ClientWrites {
  private ClientWrites() {}

  static void write(HttpServerResponse client, Buffer chunk, ReadStream<Buffer> upstream) {
    if (client.ended()) {
      return;
    }
    client.write(chunk);
    if (client.writeQueueFull()) {
      upstream.pause();
      client.drainHandler(ignored -> upstream.resume());
    }
  }

  /** Ends the response unless it already ended or its connection is gone. */
  static void end(HttpServerResponse client) {
    if (!client.ended() && !client.closed()) {
      client.end();
    }
  }
}
