package dev.switchyard.protocol;

import dev.switchyard.error.GatewayException;
import dev.switchyard.canonical.Usage;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * One protocol's part in a same-protocol passthrough: the client's bytes made into the upstream
 * request, and what to read of the answer on its way past — usage, which stream events a client
 * should not see, whether a stream finished. The forwarding does the I/O; nothing here parses a
 * whole answer.
 */
public interface PassthroughCodec {
  /** The request for one attempt: the client's body with only what must change changed. */
  UpstreamRequest request(ClientRequest request, UpstreamTarget target, Optional<Provider.Credential> credential);

  /** What finds the usage member of a complete answer as its bytes go by. */
  default TopLevelObjectCapture usageCapture(ClientRequest request) {
    return new TopLevelObjectCapture("usage");
  }

  /** Reads the usage object {@link #usageCapture} found, in this protocol's terms. */
  Optional<Usage> usageObject(byte[] json);

  /** A watcher for one relayed stream. */
  StreamWatch watchStream(ClientRequest request);

  /** The event that tells this protocol's clients the stream broke off before its end. */
  Buffer interruptedEvent();

  /** The event that ends a stream the gateway itself stopped (a limit was reached), saying why. */
  Buffer errorEvent(GatewayException error);

  /** Whether an error body already has this protocol's error shape, so it can be relayed as it is. */
  boolean isOwnErrorShape(Buffer body);

  /** This protocol's error body for a provider error that lacks that shape. */
  Buffer wrapError(int status, String message);

  /** Looks at each event of one relayed stream, in order, and remembers what it saw. */
  abstract class StreamWatch {
    private Usage usage;
    private boolean finished;
    private boolean failed;

    /** Reads what it needs of {@code event}; false when the client should not see it. */
    public abstract boolean relay(SseEvent event);

    /** The usage read so far, the latest report winning. */
    public final Optional<Usage> usage() {
      return Optional.ofNullable(usage);
    }

    /**
     * Whether the answer is whole: its final event arrived (a sentinel such as {@code [DONE]}
     * or {@code message_stop}, or else the finish that precedes it).
     */
    public final boolean finished() {
      return finished;
    }

    /** Whether the provider ended the stream with an error event of its protocol. */
    public final boolean failed() {
      return failed;
    }

    protected final void usage(Usage reported) {
      usage = reported;
    }

    protected final void finish() {
      finished = true;
    }

    protected final void fail() {
      finished = true;
      failed = true;
    }
  }
}
