package dev.switchyard.gateway;

import dev.switchyard.config.GatewayConfig;
import dev.switchyard.config.LimitsConfig;
import dev.switchyard.forwarding.FailoverStage;
import dev.switchyard.forwarding.Forwarders;
import dev.switchyard.media.MediaFetcher;
import dev.switchyard.media.MediaResolver;
import dev.switchyard.metering.UsageSink;
import dev.switchyard.pipeline.Pipeline;
import dev.switchyard.pipeline.ReadBodyStage;
import dev.switchyard.pipeline.UsageMetering;
import dev.switchyard.policy.auth.AuthenticationStage;
import dev.switchyard.policy.auth.Authenticator;
import dev.switchyard.routing.RoutingStage;
import dev.switchyard.routing.TargetHealthRegistry;
import dev.switchyard.routing.TargetHealthStage;
import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StorageExecutor;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's shared, thread-safe core: the current config state, storage, authentication and
 * the pipelines. Event-loop verticles hold a reference and route requests into it.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final AtomicReference<GatewayState> state;
  private final Storage storage;
  private final StorageExecutor storageExecutor;
  private final Authenticator authenticator;
  private final UsageSink usageSink;
  private final Clock clock;
  private final String masterKey;
  private final java.time.Instant startedAt;
  private final Pipeline pipeline;
  private final AtomicInteger openConnections = new AtomicInteger();
  private final TargetHealthRegistry targetHealth;
  private final RoutingStage routing;

  public Gateway(GatewayConfig config, String masterKey, Storage storage, StorageExecutor storageExecutor,
      UsageSink usageSink, Clock clock) {
    this.state = new AtomicReference<>(GatewayState.from(config));
    this.storage = storage;
    this.storageExecutor = storageExecutor;
    this.usageSink = usageSink;
    this.clock = clock;
    this.masterKey = masterKey;
    this.startedAt = clock.instant();
    this.authenticator = new Authenticator(masterKey, storage, storageExecutor, clock, this::limits);
    this.targetHealth = new TargetHealthRegistry(() -> state().config().routing().breaker());
    this.routing = new RoutingStage(() -> state().router(), targetHealth);
    // The whole order of a request's life, in one place.
    this.pipeline = new Pipeline(
        List.of(
            new AuthenticationStage(authenticator),
            new ReadBodyStage(() -> state().config().server().maxBodyBytes(),
                () -> limits().bodyTimeout()),
            routing,
            new FailoverStage(List.of(new TargetHealthStage(targetHealth)), new Forwarders(Protocols.egresses(this::limits),
                new MediaResolver(new MediaFetcher(), () -> state().config().media(), this::limits), this::limits))),
        List.of(new UsageMetering(usageSink)));
  }

  public GatewayState state() {
    return state.get();
  }

  /** The current {@code server.limits}. */
  public LimitsConfig limits() {
    return state().config().server().limits();
  }

  /** Where requests go, and why: {@link RoutingStage#explain}. */
  public RoutingStage routing() {
    return routing;
  }

  /** What is known of every target's health: breakers, requests in flight, time to answer. */
  public TargetHealthRegistry targetHealth() {
    return targetHealth;
  }

  /** Connections open now, counted across every event loop against {@code max_connections}. */
  public AtomicInteger openConnections() {
    return openConnections;
  }

  /** Applies a new config at once; requests already under way finish on the old one. */
  public void apply(GatewayConfig config) {
    GatewayState next = GatewayState.from(config);
    GatewayConfig previous = state.getAndSet(next).config();
    if (!previous.storage().equals(config.storage()) || !previous.server().host().equals(config.server().host())) {
      LOG.warn("storage.url and server.host changes take effect at the next restart");
    }
    config.server().masterKey().ifPresent(authenticator::setMasterKey);
    GatewayBanner.warnDisabledProviders(next);
    LOG.info("config reloaded: {} providers, {} models", next.providers().size(), config.models().size());
  }

  /** The pipeline every model endpoint shares; the exchange's ingress says what differs. */
  public Pipeline pipeline() {
    return pipeline;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public Storage storage() {
    return storage;
  }

  public StorageExecutor storageExecutor() {
    return storageExecutor;
  }

  public UsageSink usageSink() {
    return usageSink;
  }

  public Clock clock() {
    return clock;
  }

  public java.time.Instant startedAt() {
    return startedAt;
  }

  public String masterKey() {
    return masterKey;
  }
}
