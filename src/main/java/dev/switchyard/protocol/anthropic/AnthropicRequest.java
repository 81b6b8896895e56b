package dev.switchyard.protocol.anthropic;

import dev.switchyard.pipeline.ClientRequest;
import dev.switchyard.protocol.ByteSplice;
import java.util.List;

/**
 * A client's Anthropic Messages request, scanned once and kept as the client's exact bytes: a
 * passthrough sends them with only {@code model} renamed.
 *
 * @param path the endpoint below {@code /anthropic}, such as {@code /v1/messages}, with the query
 */
public record AnthropicRequest(byte[] body, String model, int modelStart, int modelEnd, boolean stream, String path)
    implements ClientRequest {

  public byte[] forUpstream(String upstreamModel) {
    return ByteSplice.apply(body, List.of(new ByteSplice(modelStart, modelEnd, ByteSplice.quoted(upstreamModel))));
  }
}
