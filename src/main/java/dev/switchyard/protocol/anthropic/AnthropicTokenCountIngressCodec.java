package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.TokenCountIngressCodec;
import io.vertx.core.buffer.Buffer;

/** Anthropic's count_tokens as the client's side of a translation: Claude Code counting on any model that counts. */
final class AnthropicTokenCountIngressCodec implements TokenCountIngressCodec {

  @Override
  public Translation<ChatRequest> toCanonical(ClientRequest request) {
    return Translation.complete(AnthropicToCanonical.countRequest(((AnthropicRequest) request).body()));
  }

  @Override
  public Buffer encodeAnswer(Long inputTokens, ClientRequest request) {
    return Buffer.buffer(JsonTrees.bytes(JsonTrees.object().put("input_tokens", inputTokens)));
  }
}
