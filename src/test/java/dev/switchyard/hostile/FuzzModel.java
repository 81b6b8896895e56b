package dev.switchyard.hostile;

import dev.switchyard.provider.WireProtocol;

/** The gateway's models in the fuzzing config: one on a provider of each protocol. */
enum FuzzModel {
  ON_OPENAI("on-openai", WireProtocol.OPENAI, "gpt-4o"),
  ON_ANTHROPIC("on-anthropic", WireProtocol.ANTHROPIC, "claude-haiku-4-5"),
  ON_GEMINI("on-gemini", WireProtocol.GEMINI, "gemini-2.5-flash");

  private final String routeName;
  private final WireProtocol provider;
  private final String upstreamModel;

  FuzzModel(String routeName, WireProtocol provider, String upstreamModel) {
    this.routeName = routeName;
    this.provider = provider;
    this.upstreamModel = upstreamModel;
  }

  /** The name clients ask for. */
  String routeName() {
    return routeName;
  }

  /** The protocol of the provider that serves it. */
  WireProtocol provider() {
    return provider;
  }

  /** The provider's own name for it. */
  String upstreamModel() {
    return upstreamModel;
  }

  /** Whether a client of {@code endpoint} reaches this model without translation. */
  boolean isPassthroughFor(FuzzEndpoint endpoint) {
    return endpoint.protocol() == provider;
  }
}
