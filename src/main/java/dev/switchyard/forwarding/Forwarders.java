package dev.switchyard.forwarding;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.media.MediaResolver;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.EmbeddingsEgressCodec;
import dev.switchyard.protocol.EmbeddingsIngressCodec;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.TokenCountEgressCodec;
import dev.switchyard.protocol.TokenCountIngressCodec;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.WireProtocol;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place that picks how an attempt reaches a provider: passthrough when the client and the
 * provider speak the same protocol, else a translator joining the client's codec to the provider's.
 */
public final class Forwarders {
  private final Egresses egresses;
  private final MediaResolver media;
  private final Supplier<LimitsConfig> limits;
  private final Map<Ingress, Forwarder> passthroughs = new ConcurrentHashMap<>();
  private final Map<Ingress, Map<WireProtocol, Optional<Forwarder>>> translators = new ConcurrentHashMap<>();

  /** The provider sides of each kind of translation, by the protocol the provider speaks. */
  public record Egresses(Map<WireProtocol, ChatEgressCodec> chat, Map<WireProtocol, EmbeddingsEgressCodec> embeddings,
      Map<WireProtocol, TokenCountEgressCodec> tokenCounts) {
    public Egresses {
      chat = Map.copyOf(chat);
      embeddings = Map.copyOf(embeddings);
      tokenCounts = Map.copyOf(tokenCounts);
    }
  }

  public Forwarders(Egresses egresses, MediaResolver media) {
    this(egresses, media, () -> LimitsConfig.DEFAULT);
  }

  /** @param limits the current {@code server.limits}, read at the start of each attempt */
  public Forwarders(Egresses egresses, MediaResolver media, Supplier<LimitsConfig> limits) {
    this.egresses = egresses;
    this.media = media;
    this.limits = limits;
  }

  LimitsConfig limits() {
    return limits.get();
  }

  /** Throws a 400 {@link GatewayException} when this endpoint cannot be served by that provider. */
  public Forwarder select(Ingress ingress, Provider provider) {
    if (ingress.protocol() == provider.protocol()) {
      return passthroughs.computeIfAbsent(ingress, i -> new PassthroughForwarder(i.passthrough()));
    }
    return translators.computeIfAbsent(ingress, ignored -> new ConcurrentHashMap<>())
        .computeIfAbsent(provider.protocol(), protocol -> translator(ingress, protocol))
        .orElseThrow(() -> refusal(ingress, provider));
  }

  private Optional<Forwarder> translator(Ingress ingress, WireProtocol protocol) {
    return ingress.translation().flatMap(codec -> switch (codec) {
      case ChatIngressCodec chat -> Optional.ofNullable(egresses.chat().get(protocol))
          .map(target -> (Forwarder) new TranslatingForwarder(chat, target, media));
      case EmbeddingsIngressCodec embeddings -> Optional.ofNullable(egresses.embeddings().get(protocol))
          .map(target -> (Forwarder) new TranslatingAnswerForwarder<>(embeddings, target));
      case TokenCountIngressCodec count -> Optional.ofNullable(egresses.tokenCounts().get(protocol))
          .map(target -> (Forwarder) new TranslatingAnswerForwarder<>(count, target));
    });
  }

  private static GatewayException refusal(Ingress ingress, Provider provider) {
    String speaks = provider.protocol().name().toLowerCase(Locale.ROOT);
    if (ingress.translation().orElse(null) instanceof TokenCountIngressCodec) {
      return GatewayException.invalidRequest("model", "This model is served by provider '" + provider.name()
          + "', which speaks " + speaks + " and has no way to count tokens; counting works for models on "
          + "Anthropic and Gemini providers.");
    }
    return GatewayException.invalidRequest("model", "This model is served by provider '" + provider.name()
        + "', which speaks " + speaks + ": the " + ingress.endpointName() + " endpoint cannot be translated to it.");
  }
}
