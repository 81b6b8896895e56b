package dev.switchyard.provider;

import dev.switchyard.provider.Provider;

/** One place a request may be served: a provider and the model name that provider expects. */
public record UpstreamTarget(Provider provider, String upstreamModel) {}
