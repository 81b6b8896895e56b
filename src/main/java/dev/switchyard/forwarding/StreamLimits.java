package dev.switchyard.forwarding;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's stream cut into events within {@code server.limits.max_stream_event_size}: a
 * provider that never ends an event stops its attempt (the client hears why) instead of making
 * the gateway buffer without end.
 */
final class StreamLimits {
  private static final Logger LOG = LoggerFactory.getLogger(StreamLimits.class);

  private StreamLimits() {}

  static SseEventSplitter splitter(AttemptContext context, Consumer<SseEvent> onEvent) {
    return new SseEventSplitter(onEvent, context.limits().maxStreamEventBytes());
  }

  /** Feeds one chunk; nothing more once the attempt is stopped. */
  static void feed(AttemptContext context, SseEventSplitter events, Buffer chunk) {
    if (context.attempt().stoppedBy().isPresent()) {
      return;
    }
    try {
      events.feed(chunk);
    } catch (SseEventSplitter.EventTooLargeException e) {
      int limit = context.limits().maxStreamEventBytes();
      LOG.warn("request {}: an event of the stream from {} passed server.limits.max_stream_event_size ({} bytes); "
          + "cut off", context.exchange().requestId(), context.provider().name(), limit);
      context.attempt().stop(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "stream_event_too_large", null,
          "An event of the provider's stream is larger than this gateway's limit of " + limit
              + " bytes (server.limits.max_stream_event_size)."));
    }
  }
}
