package dev.switchyard.translation;

import dev.switchyard.pipeline.Forwarder;
import dev.switchyard.pipeline.GatewayException;
import dev.switchyard.pipeline.Ingress;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.WireProtocol;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that picks how an exchange reaches a provider: passthrough when the client and the
 * provider speak the same protocol, else a translator joining the client's codec to the provider's.
 */
public final class Forwarders {
  private final Map<WireProtocol, EgressCodec> egress;
  private final Map<Ingress, Map<WireProtocol, Forwarder>> translators = new ConcurrentHashMap<>();

  public Forwarders(Map<WireProtocol, EgressCodec> egress) {
    this.egress = Map.copyOf(egress);
  }

  /** Throws a 400 {@link GatewayException} when this endpoint cannot be served by that provider. */
  public Forwarder select(Ingress ingress, Provider provider) {
    if (ingress.protocol() == provider.protocol()) {
      return ingress.passthrough();
    }
    return translators.computeIfAbsent(ingress, ignored -> new ConcurrentHashMap<>())
        .computeIfAbsent(provider.protocol(), protocol -> {
          IngressCodec codec = ingress.translation().orElse(null);
          EgressCodec target = egress.get(protocol);
          if (codec == null || target == null) {
            return null;
          }
          return new TranslatingForwarder(codec, target);
        }) instanceof Forwarder forwarder ? forwarder : refuse(ingress, provider);
  }

  private static Forwarder refuse(Ingress ingress, Provider provider) {
    throw GatewayException.invalidRequest("model", "This model is served by provider '" + provider.name()
        + "', which speaks " + provider.protocol().name().toLowerCase(java.util.Locale.ROOT)
        + ": the " + ingress.endpointName() + " endpoint cannot be translated to it.");
  }
}
