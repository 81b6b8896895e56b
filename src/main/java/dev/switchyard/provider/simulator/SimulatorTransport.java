package dev.switchyard.provider.simulator;

import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTransport;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;

/** TEMPORARY: replaced by the full simulator. */
public final class SimulatorTransport implements UpstreamTransport {
  private final SimulatorConfig config;

  public SimulatorTransport(SimulatorConfig config) {
    this.config = config;
  }

  @Override
  public UpstreamCall send(Provider provider, UpstreamRequest request, HttpClient client) {
    return new UpstreamCall() {
      @Override
      public Future<dev.switchyard.provider.UpstreamResponse> response() {
        return Future.failedFuture(new UnsupportedOperationException("simulator " + config));
      }

      @Override
      public void cancel() {}
    };
  }
}
