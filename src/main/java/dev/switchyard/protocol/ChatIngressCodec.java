package dev.switchyard.protocol;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** The client's protocol, seen from translation: its requests into canonical form, answers back out. */
public non-sealed interface ChatIngressCodec extends ClientCodec {
  /**
   * The client's request in canonical form, with the fields that had no canonical equivalent;
   * throws a 400 {@link GatewayException} for what cannot be translated at all.
   */
  Translation<ChatRequest> toCanonical(ClientRequest request);

  /** A complete answer in the client's format, for the model name the client asked for. */
  Buffer encodeResponse(ChatResponse response, ClientRequest request);

  /** A stream encoder writing the client's events, one buffer per event, to {@code out}. */
  StreamEncoder newStreamEncoder(ClientRequest request, Consumer<Buffer> out);

  /** The content type of this protocol's streams (for some protocols it depends on the request). */
  default String streamContentType(ClientRequest request) {
    return "text/event-stream; charset=utf-8";
  }
}
