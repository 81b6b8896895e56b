package dev.switchyard.translation;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import java.util.function.Consumer;

/** A provider's protocol, seen from translation: canonical requests out, its answers back in. */
public interface EgressCodec {
  /** The path below the provider's base URL, such as {@code /v1/messages}. */
  String path(ChatRequest request);

  /** The request body for {@code target}'s provider, naming its upstream model. */
  byte[] encodeRequest(ChatRequest request, RouteTarget target);

  /** A complete answer from the provider in canonical form. */
  ChatResponse decodeResponse(byte[] body);

  /** A decoder turning the provider's stream events into canonical ones, handed to {@code out}. */
  Consumer<SseEvent> newStreamDecoder(Consumer<StreamEvent> out);

  /** An error body from the provider, understood: what to tell the client. */
  UpstreamError decodeError(int status, byte[] body);

  /**
   * A provider's error, protocol-neutral.
   *
   * @param status the status to give the client (a provider's own codes such as 529 mapped)
   */
  record UpstreamError(int status, String type, String message) {}
}
