package dev.switchyard.protocol.gemini;

import dev.switchyard.protocol.ClientRequest;

/**
 * A client's Gemini request: the body exactly as sent (the model is in the URL, so a passthrough
 * forwards the body untouched) and what the URL says.
 *
 * @param sse whether the client asked for Server-Sent Events ({@code alt=sse}); a stream without
 *     it is one JSON array, sent as it grows
 * @param upstreamQuery what a passthrough forwards of the client's query (its `alt` only)
 */
public record GeminiRequest(byte[] body, GeminiModelPath path, boolean sse, String upstreamQuery)
    implements ClientRequest {

  @Override
  public String model() {
    return path.model();
  }

  @Override
  public boolean stream() {
    return path.action() == GeminiAction.STREAM_GENERATE_CONTENT;
  }

  public GeminiAction action() {
    return path.action();
  }
}
