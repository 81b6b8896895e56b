package dev.switchyard.pipeline;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamBodies;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every forwarder does alike with a provider's error answer. */
public final class UpstreamErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamErrors.class);

  private UpstreamErrors() {}

  private static final int MAX_ERROR_BODY = 1 << 20;

  /**
   * Reads a provider's error answer (at most 1 MiB of it) and readies the client's response: the
   * exchange is marked an upstream error and the provider's {@code retry-after} is kept. A refused
   * credential fails the future with the gateway's own 502 instead.
   */
  public static Future<Buffer> read(Exchange exchange, Provider provider, Optional<Provider.Credential> credential,
      UpstreamResponse upstream) {
    return UpstreamBodies.read(upstream.body(), MAX_ERROR_BODY, true).compose(body -> {
      exchange.resumeOwnWork();
      int status = upstream.status();
      if (isCredentialRefusal(status)) {
        return Future.failedFuture(credentialRefused(exchange, provider, credential, status));
      }
      exchange.outcome(UsageRecord.Outcome.UPSTREAM_ERROR);
      String retryAfter = upstream.headers().get("retry-after");
      if (retryAfter != null) {
        exchange.response().putHeader("retry-after", retryAfter);
      }
      return Future.succeededFuture(body);
    });
  }

  /** 401/403 from a provider: Switchyard's own credential was refused, not the client's. */
  public static boolean isCredentialRefusal(int status) {
    return status == 401 || status == 403;
  }

  /**
   * The client's answer to a refused credential: 502 naming the provider; the log (never the
   * client) says which of the provider's keys it was.
   */
  public static GatewayException credentialRefused(Exchange exchange, Provider provider,
      Optional<Provider.Credential> credential, int status) {
    LOG.warn("request {}: provider '{}' refused Switchyard's credential ({}) with HTTP {}",
        exchange.requestId(), provider.name(), credential.map(Object::toString).orElse("no key"), status);
    return GatewayException.badGateway("Provider '" + provider.name()
        + "' refused the gateway's credentials (HTTP " + status + "). The gateway operator's log names the key.");
  }

}
