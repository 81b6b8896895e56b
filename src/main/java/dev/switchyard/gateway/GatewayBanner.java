package dev.switchyard.gateway;

import dev.switchyard.config.GatewayConfig;
import dev.switchyard.config.ModelConfig;
import dev.switchyard.provider.Provider;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the gateway prints at start: where it listens, what it serves, where it keeps data. */
public final class GatewayBanner {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayBanner.class);

  private GatewayBanner() {}

  /**
   * @param host the address bound, as configured
   * @param address where a client on this machine reaches it
   */
  public static String render(GatewayState state, String host, String address, String storage,
      boolean generatedMasterKey, String masterKey) {
    GatewayConfig config = state.config();
    StringBuilder out = new StringBuilder();
    out.append("\n  Switchyard is listening on ").append(address);
    if (!address.contains("//" + host + ":")) { // say plainly when it is open beyond this machine
      out.append("  (bound to ").append(host).append(": reachable from other machines)");
    }
    out.append('\n');
    out.append("  config:    ").append(config.source().map(Object::toString).orElse("built-in default")).append('\n');
    out.append("  storage:   ").append(storage).append('\n');
    out.append("  providers:\n");
    for (Provider provider : state.providers().values()) {
      out.append("    - ").append(provider)
          .append(provider.disabledReason().map(r -> "  [disabled: " + r + "]").orElse("")).append('\n');
    }
    out.append("  models:    ").append(config.models().stream().map(ModelConfig::name)
        .collect(Collectors.joining(", "))).append('\n');
    if (generatedMasterKey) {
      out.append("  master key (made up for this run; set SWITCHYARD_MASTER_KEY or server.master_key to keep one):\n")
          .append("    ").append(masterKey).append('\n');
    }
    out.append("  try:       curl ").append(address).append("/v1/chat/completions -H 'Authorization: Bearer <key>'")
        .append(" -H 'content-type: application/json' -d '{\"model\":\"")
        .append(config.models().isEmpty() ? "MODEL" : config.models().get(0).name().replace("*", "x"))
        .append("\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}'\n");
    return out.toString();
  }

  public static void warnDisabledProviders(GatewayState state) {
    for (Provider provider : state.providers().values()) {
      provider.disabledReason().ifPresent(reason ->
          LOG.warn("provider '{}' is disabled: {}", provider.name(), reason));
    }
  }
}
