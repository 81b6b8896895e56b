package dev.switchyard.gateway;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.forwarding.Forwarders;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.anthropic.AnthropicEgress;
import dev.switchyard.protocol.anthropic.AnthropicIngress;
import dev.switchyard.protocol.anthropic.AnthropicTokenCountEgress;
import dev.switchyard.protocol.gemini.GeminiEgress;
import dev.switchyard.protocol.gemini.GeminiEmbeddingsEgress;
import dev.switchyard.protocol.gemini.GeminiTokenCountEgress;
import dev.switchyard.protocol.openai.OpenAiChatEgress;
import dev.switchyard.protocol.openai.OpenAiEmbeddingsEgress;
import dev.switchyard.protocol.openai.OpenAiIngress;
import dev.switchyard.provider.WireProtocol;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The protocols Switchyard speaks, in one table: the client endpoints by path, and the provider
 * side of each kind of translation by the protocol a provider speaks. The server and the fidelity
 * matrix both take their codecs from here, so what is tested is what runs.
 */
public final class Protocols {
  private Protocols() {}

  /** The model endpoints whose path is fixed (Gemini's carry the model in the path: {@code GeminiIngress.forPath}). */
  public static Map<String, Ingress> endpoints(Clock clock) {
    return Map.of(
        "/v1/chat/completions", OpenAiIngress.chatCompletions(clock),
        "/v1/embeddings", OpenAiIngress.embeddings(),
        "/anthropic/v1/messages", AnthropicIngress.messages(),
        "/anthropic/v1/messages/count_tokens", AnthropicIngress.countTokens());
  }

  /** What each kind of provider takes when a client of another protocol calls it, with the default limits. */
  public static Forwarders.Egresses egresses() {
    return egresses(() -> LimitsConfig.DEFAULT);
  }

  /** As above, under the current {@code server.limits}. */
  public static Forwarders.Egresses egresses(Supplier<LimitsConfig> limits) {
    return new Forwarders.Egresses(
        Map.of(
            WireProtocol.OPENAI, OpenAiChatEgress.INSTANCE,
            WireProtocol.ANTHROPIC, AnthropicEgress.INSTANCE,
            WireProtocol.GEMINI, new GeminiEgress(() -> limits.get().maxSchemaNodes())),
        Map.of(
            WireProtocol.OPENAI, OpenAiEmbeddingsEgress.INSTANCE,
            WireProtocol.GEMINI, GeminiEmbeddingsEgress.INSTANCE),
        Map.of(
            WireProtocol.ANTHROPIC, AnthropicTokenCountEgress.INSTANCE,
            WireProtocol.GEMINI, new GeminiTokenCountEgress(() -> limits.get().maxSchemaNodes())));
  }
}
