package dev.switchyard.forwarding;

import dev.switchyard.error.GatewayException;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamBodies;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every forwarder does alike with a provider's error answer. */
final class UpstreamErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamErrors.class);
  private static final int MAX_ERROR_BODY = 1 << 20;

  private UpstreamErrors() {}

  /**
   * Reads a provider's error answer (at most 1 MiB of it) and keeps its {@code retry-after} for
   * the client. A refused credential fails the future with the gateway's own 502 instead.
   */
  static Future<Buffer> read(AttemptContext context, UpstreamResponse upstream) {
    Exchange exchange = context.exchange();
    return UpstreamBodies.read(upstream.body(), MAX_ERROR_BODY, true).compose(body -> {
      exchange.resumeOwnWork();
      int status = upstream.status();
      if (isCredentialRefusal(status)) {
        return Future.failedFuture(credentialRefused(exchange, context.provider(), context.attempt().credential(),
            status));
      }
      String retryAfter = upstream.headers().get("retry-after");
      if (retryAfter != null) {
        exchange.response().putHeader("retry-after", retryAfter);
      }
      return Future.succeededFuture(body);
    });
  }

  /** 401/403 from a provider: Switchyard's own credential was refused, not the client's. */
  static boolean isCredentialRefusal(int status) {
    return status == 401 || status == 403;
  }

  /**
   * The client's answer to a refused credential: 502 naming the provider; the log (never the
   * client) says which of the provider's keys it was.
   */
  static GatewayException credentialRefused(Exchange exchange, Provider provider,
      Optional<Provider.Credential> credential, int status) {
    LOG.warn("request {}: provider '{}' refused Switchyard's credential ({}) with HTTP {}",
        exchange.requestId(), provider.name(), credential.map(Object::toString).orElse("no key"), status);
    return GatewayException.badGateway("Provider '" + provider.name()
        + "' refused the gateway's credentials (HTTP " + status + "). The gateway operator's log names the key.");
  }
}
