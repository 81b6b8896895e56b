package dev.switchyard.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.config.LimitsConfig;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.gateway.Protocols;
import dev.switchyard.media.MediaFetcher;
import dev.switchyard.media.MediaResolver;
import dev.switchyard.pipeline.AttemptStage;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.ExchangeObserver;
import dev.switchyard.pipeline.Pipeline;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.pipeline.ReadBodyStage;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.pipeline.Stage;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.simulator.SimulatorTransport;
import dev.switchyard.testing.PipelineServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The forwarding part of the gateway behind one endpoint: body read, a fixed route, the failover stage. */
final class ForwardingRig {
  private ForwardingRig() {}

  /** A provider of the in-process simulator (OpenAI-speaking; {@code echo} repeats the last user message). */
  static Provider simulator(String name) {
    return Provider.from(new ProviderConfig(name, ProviderKinds.SIMULATOR, Optional.empty(), Optional.empty(),
        List.of(), Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT,
        SimulatorConfig.DEFAULT), SimulatorTransport::of);
  }

  /** {@code ingress} routed to {@code targets} (model {@code echo} on each), through {@code attemptStages}. */
  static PipelineServer serve(Ingress ingress, List<AttemptStage> attemptStages, ExchangeObserver observer,
      Provider... targets) {
    return serve(ingress, attemptStages, observer,
        new MediaResolver(new MediaFetcher(), () -> MediaConfig.DEFAULT, () -> LimitsConfig.DEFAULT), targets);
  }

  /** The same, with media given by URL resolved by {@code media}. */
  static PipelineServer serve(Ingress ingress, List<AttemptStage> attemptStages, ExchangeObserver observer,
      MediaResolver media, Provider... targets) {
    RoutePlan plan = new RoutePlan("echo", "echo",
        Arrays.stream(targets).map(p -> new UpstreamTarget(p, "echo")).toList());
    Stage routes = (request, chain) -> chain.proceed(request.withPrincipal(Principal.MASTER).withPlan(plan));
    Forwarders forwarders = new Forwarders(Protocols.egresses(), media);
    Pipeline pipeline = new Pipeline(List.of(new ReadBodyStage(() -> 1 << 20), routes,
        new FailoverStage(attemptStages, forwarders)), List.of(observer));
    return PipelineServer.start(pipeline, ingress);
  }

  /** The client may read the last byte before the exchange has finished ending: waits for its completion. */
  static void awaitCompletion(List<Completion> completions) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (completions.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(completions).as("the exchange completed").isNotEmpty();
  }
}
