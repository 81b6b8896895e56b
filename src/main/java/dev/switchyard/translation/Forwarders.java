package dev.switchyard.translation;

import dev.switchyard.media.MediaResolver;
import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Ingress;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.WireProtocol;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that picks how an exchange reaches a provider: passthrough when the client and the
 * provider speak the same protocol, else a translator joining the client's codec to the provider's.
 */
public final class Forwarders {
  private final Map<WireProtocol, EgressCodec> egress;
  private final Map<WireProtocol, EmbeddingsEgressCodec> embeddingsEgress;
  private final Map<WireProtocol, TokenCountEgressCodec> tokenCountEgress;
  private final Map<Ingress, Map<WireProtocol, Optional<Forwarder>>> translators = new ConcurrentHashMap<>();
  private final MediaResolver media;

  /** The provider sides of each kind of translation, by the protocol the provider speaks. */
  public record Egresses(Map<WireProtocol, EgressCodec> chat, Map<WireProtocol, EmbeddingsEgressCodec> embeddings,
      Map<WireProtocol, TokenCountEgressCodec> tokenCounts) {}

  public Forwarders(Egresses egresses, MediaResolver media) {
    this.egress = Map.copyOf(egresses.chat());
    this.embeddingsEgress = Map.copyOf(egresses.embeddings());
    this.tokenCountEgress = Map.copyOf(egresses.tokenCounts());
    this.media = media;
  }

  /** Throws a 400 {@link GatewayException} when this endpoint cannot be served by that provider. */
  public Forwarder select(Ingress ingress, Provider provider) {
    if (ingress.protocol() == provider.protocol()) {
      return ingress.passthrough();
    }
    return translators.computeIfAbsent(ingress, ignored -> new ConcurrentHashMap<>())
        .computeIfAbsent(provider.protocol(), protocol -> translator(ingress, protocol))
        .orElseThrow(() -> refusal(ingress, provider));
  }

  private Optional<Forwarder> translator(Ingress ingress, WireProtocol protocol) {
    return ingress.translation().flatMap(codec -> switch (codec) {
      case IngressCodec chat -> Optional.ofNullable(egress.get(protocol))
          .map(target -> (Forwarder) new TranslatingForwarder(chat, target, media));
      case EmbeddingsIngressCodec embeddings -> Optional.ofNullable(embeddingsEgress.get(protocol))
          .map(target -> (Forwarder) new TranslatingAnswerForwarder<>(embeddings, target));
      case TokenCountIngressCodec count -> Optional.ofNullable(tokenCountEgress.get(protocol))
          .map(target -> (Forwarder) new TranslatingAnswerForwarder<>(count, target));
    });
  }

  private static GatewayException refusal(Ingress ingress, Provider provider) {
    String speaks = provider.protocol().name().toLowerCase(java.util.Locale.ROOT);
    if (ingress.translation().orElse(null) instanceof TokenCountIngressCodec) {
      return GatewayException.invalidRequest("model", "This model is served by provider '" + provider.name()
          + "', which speaks " + speaks + " and has no way to count tokens; counting works for models on "
          + "Anthropic and Gemini providers.");
    }
    return GatewayException.invalidRequest("model", "This model is served by provider '" + provider.name()
        + "', which speaks " + speaks + ": the " + ingress.endpointName() + " endpoint cannot be translated to it.");
  }
}
