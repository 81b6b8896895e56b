package dev.switchyard.forwarding;

import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;

/**
 * Carries one attempt to one kind of upstream and its answer back: a passthrough when both sides
 * speak the same protocol, a translator otherwise. Chosen per attempt, since a failover target may
 * speak another protocol.
 */
public interface Forwarder {
  /**
   * The request for this attempt, once anything it needs first is ready (a translator may have to
   * fetch media the provider cannot fetch itself); fails with a {@link GatewayException} when this
   * target cannot take the request.
   */
  Future<UpstreamRequest> prepare(AttemptContext context);

  /**
   * Relays an answer that will not fail over — an error, a stream, or a complete answer — and
   * completes when the client's response is whole. Fails (with a {@link GatewayException} to
   * answer) only while nothing has been written to the client.
   */
  default Future<Completion> relay(AttemptContext context, UpstreamResponse response) {
    if (response.status() >= 400) {
      return relayError(context, response);
    }
    String contentType = response.headers().get("content-type");
    if (context.client().stream() && contentType != null && contentType.startsWith("text/event-stream")) {
      return relayStream(context, response);
    }
    return relayAnswer(context, response);
  }

  /** An error status (400 and above) from the provider. */
  Future<Completion> relayError(AttemptContext context, UpstreamResponse response);

  /** A streamed answer to a streaming request. */
  Future<Completion> relayStream(AttemptContext context, UpstreamResponse response);

  /** A complete answer. */
  Future<Completion> relayAnswer(AttemptContext context, UpstreamResponse response);
}
