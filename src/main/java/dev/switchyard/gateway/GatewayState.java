package dev.switchyard.gateway;

import dev.switchyard.config.GatewayConfig;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.provider.Provider;
import dev.switchyard.routing.ModelRouter;
import dev.switchyard.simulator.SimulatorTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one version of the config becomes at run time: providers and the router. Swapped whole on
 * reload, so a request sees one consistent version from start to end.
 */
public record GatewayState(GatewayConfig config, Map<String, Provider> providers, ModelRouter router) {

  public static GatewayState from(GatewayConfig config) {
    Map<String, Provider> providers = new LinkedHashMap<>();
    for (ProviderConfig provider : config.providers()) {
      providers.put(provider.name(), Provider.from(provider, SimulatorTransport::of));
    }
    return new GatewayState(config, Map.copyOf(providers), new ModelRouter(config.models(), providers,
        config.routing().retry(), config.routing().experiments(), config.routing().rules()));
  }
}
