package dev.switchyard.provider;

import io.vertx.core.http.HttpClient;

/** How an attempt reaches a provider: over HTTP, or in process for the simulator. */
public interface UpstreamTransport {
  /**
   * @param client the HTTP client of the calling event loop, so connections stay on that loop
   */
  UpstreamCall send(Provider provider, UpstreamRequest request, HttpClient client);
}
