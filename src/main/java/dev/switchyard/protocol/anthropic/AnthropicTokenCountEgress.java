package dev.switchyard.protocol.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.TokenCountEgressCodec;
import dev.switchyard.provider.UpstreamTarget;
import java.util.Set;

/**
 * Anthropic's {@code /v1/messages/count_tokens} as a translation target: the Messages request as it
 * would be sent, cut to the fields the counting endpoint takes (it refuses the others).
 */
public final class AnthropicTokenCountEgress implements TokenCountEgressCodec {
  public static final AnthropicTokenCountEgress INSTANCE = new AnthropicTokenCountEgress();
  private static final Set<String> COUNTED = Set.of("model", "messages", "system", "tools", "tool_choice", "thinking");

  private AnthropicTokenCountEgress() {}

  @Override
  public String path(ChatRequest request, UpstreamTarget target) {
    return "/v1/messages/count_tokens";
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target) {
    ObjectNode body = (ObjectNode) JsonTrees.readUpstream(
        CanonicalToAnthropic.request(request, target.upstreamModel()), "Anthropic");
    body.retain(COUNTED);
    return Translation.complete(JsonTrees.bytes(body));
  }

  @Override
  public Long decodeAnswer(byte[] body) {
    JsonNode count = JsonTrees.readUpstream(body, "Anthropic").path("input_tokens");
    if (!count.canConvertToLong()) {
      throw GatewayException.badGateway("The Anthropic upstream answered count_tokens without 'input_tokens'.");
    }
    return count.asLong();
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    return AnthropicErrors.parse(status, body);
  }
}
