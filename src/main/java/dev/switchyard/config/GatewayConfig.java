package dev.switchyard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration as loaded: immutable, validated, with environment variables resolved.
 *
 * @param source the file it came from, empty for the built-in default
 */
public record GatewayConfig(
    ServerConfig server,
    StorageConfig storage,
    List<ProviderConfig> providers,
    List<ModelConfig> models,
    MediaConfig media,
    RoutingConfig routing,
    Optional<Path> source) {

  public GatewayConfig {
    providers = List.copyOf(providers);
    models = List.copyOf(models);
  }

  public GatewayConfig(ServerConfig server, StorageConfig storage, List<ProviderConfig> providers,
      List<ModelConfig> models, MediaConfig media, Optional<Path> source) {
    this(server, storage, providers, models, media, RoutingConfig.DEFAULT, source);
  }

  public GatewayConfig withPort(int port) {
    return new GatewayConfig(server.withPort(port), storage, providers, models, media, routing, source);
  }

  public GatewayConfig withLimits(LimitsConfig limits) {
    return new GatewayConfig(server.withLimits(limits), storage, providers, models, media, routing, source);
  }

  public Optional<ProviderConfig> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
