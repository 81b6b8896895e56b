package dev.switchyard.protocol;

import dev.switchyard.canonical.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * A stream encoder that works out the bytes each canonical event adds to the client's stream
 * ({@link #encode}, empty when it adds nothing yet) and writes them to its sink as one buffer.
 */
public abstract class EventBytesEncoder implements StreamEncoder {
  private final Consumer<Buffer> sink;

  protected EventBytesEncoder(Consumer<Buffer> sink) {
    this.sink = sink;
  }

  @Override
  public final void accept(StreamEvent event) {
    byte[] bytes = encode(event);
    if (bytes.length > 0) {
      sink.accept(Buffer.buffer(bytes));
    }
  }

  @Override
  public final void finish() {
    if (!ended()) {
      accept(StreamEvent.Failure.interrupted("The upstream stream broke off before its end."));
    }
  }

  /** The bytes {@code event} adds to the client's stream; empty when it adds nothing (yet). */
  protected abstract byte[] encode(StreamEvent event);

  /** Whether the client's stream has ended, normally or with an error. */
  protected abstract boolean ended();
}
