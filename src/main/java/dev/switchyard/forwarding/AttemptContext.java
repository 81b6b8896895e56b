package dev.switchyard.forwarding;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.pipeline.Attempt;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;

/**
 * What a forwarder works with for one attempt: the exchange it answers, what is known of the
 * request, the attempt itself, the request's translations (made once, shared by its attempts), and
 * the limits in force when it started.
 */
public record AttemptContext(Exchange exchange, ProxyRequest request, Attempt attempt, Translations translations,
    LimitsConfig limits) {
  public ClientRequest client() {
    return request.client();
  }

  public UpstreamTarget target() {
    return attempt.target();
  }

  public Provider provider() {
    return attempt.provider();
  }
}
