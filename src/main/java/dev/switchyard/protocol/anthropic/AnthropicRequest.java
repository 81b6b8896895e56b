package dev.switchyard.protocol.anthropic;

import dev.switchyard.protocol.ByteSplice;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's Anthropic request, scanned once and kept as the client's exact bytes: a passthrough
 * sends them with only {@code model} renamed, with the client's {@code anthropic-*} headers
 * (version, betas) and query (the SDKs mark beta calls with {@code ?beta=true}).
 *
 * @param path the endpoint below {@code /anthropic}, such as {@code /v1/messages}
 * @param anthropicHeaders the client's {@code anthropic-*} headers, names in lower case
 * @param upstreamQuery what a passthrough forwards of the client's query (its `beta` only); empty when none
 */
public record AnthropicRequest(byte[] body, String model, int modelStart, int modelEnd, boolean stream, String path,
    Map<String, String> anthropicHeaders, String upstreamQuery) implements ClientRequest {

  public AnthropicRequest {
    anthropicHeaders = Map.copyOf(anthropicHeaders);
  }

  public byte[] forUpstream(String upstreamModel) {
    return ByteSplice.apply(body, List.of(new ByteSplice(modelStart, modelEnd, ByteSplice.quoted(upstreamModel))));
  }

  @Override
  public Optional<String> endUser() {
    return JsonTrees.textAt(body, "/metadata/user_id");
  }

  /** The path with the client's query, as it goes upstream. */
  public String upstreamPath() {
    return upstreamQuery.isEmpty() ? path : path + "?" + upstreamQuery;
  }
}
