package dev.switchyard.routing;

import dev.switchyard.config.ExperimentConfig;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.logging.HeaderText;
import dev.switchyard.pipeline.Chain;
import dev.switchyard.pipeline.Completion;
import dev.switchyard.pipeline.Principal;
import dev.switchyard.pipeline.ProxyRequest;
import dev.switchyard.pipeline.RoutePlan;
import dev.switchyard.pipeline.Stage;
import dev.switchyard.provider.UpstreamTarget;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Finds where the requested model is served (404 when nowhere) and checks that the caller's key
 * may use it (403). A key that may not use a model is not told whether it exists. The plan's
 * targets are ordered by the model's strategy; those whose circuit breaker is open and cooling
 * down are left out while another target remains. A breaker never leaves a request without a try:
 * like Envoy's outlier detection, it moves traffic to the healthy, it does not refuse it.
 */
public final class RoutingStage implements Stage {
  /** A request header asking for the routing decision: {@code x-switchyard-debug: route}. */
  public static final String DEBUG_HEADER = "x-switchyard-debug";
  public static final String DEBUG_ROUTE = "route";
  /** Which variant of an experiment served the request. */
  public static final String VARIANT_HEADER = "x-switchyard-variant";
  /** The end user an experiment keeps to one variant, when the body does not name one. */
  public static final String USER_HEADER = "x-switchyard-user";
  /** The response header that then explains it. */
  public static final String ROUTE_HEADER = "x-switchyard-route";

  private final Supplier<ModelRouter> router;
  private final TargetHealthRegistry health;

  public RoutingStage(Supplier<ModelRouter> router, TargetHealthRegistry health) {
    this.router = router;
    this.health = health;
  }

  @Override
  public Future<Completion> apply(ProxyRequest request, Chain chain) {
    String model = request.model();
    Principal principal = request.principal().orElseThrow();
    if (!principal.mayUse(model)) {
      return Future.failedFuture(GatewayException.forbidden(
          "This API key may not use the model `" + model + "`."));
    }
    ModelRouter routes = router.get();
    Optional<String> ruleNote = Optional.empty();
    if (!routes.rules().isEmpty()) { // the operator's rules first: they may send it to an experiment too
      Optional<RouteRules.Match> rule = RouteRules.find(routes.rules(), model, principal,
          name -> chain.exchange().http().getHeader(name));
      if (rule.isPresent()) {
        ruleNote = Optional.of("rule " + (rule.get().index() + 1) + " -> " + rule.get().rule().use());
        model = rule.get().rule().use();
      }
    }
    Optional<ExperimentConfig> experiment = routes.experiment(model);
    if (experiment.isPresent()) { // the variant's model is routed, the key having been checked for the experiment
      ExperimentConfig.Variant variant = Experiments.pick(experiment.get(), endUser(request, chain),
          ThreadLocalRandom.current());
      chain.exchange().response().putHeader(VARIANT_HEADER, HeaderText.of(variant.name(), 256));
      model = variant.model();
    }
    Optional<ModelRouter.Lookup> lookup = routes.route(model);
    if (lookup.isEmpty()) {
      return Future.failedFuture(GatewayException.modelNotFound(model));
    }
    RoutePlan plan = lookup.get().plan();
    if (plan.targets().isEmpty()) {
      return Future.failedFuture(new GatewayException(ErrorKind.UNAVAILABLE, "provider_disabled", "model",
          "The model `" + model + "` has no enabled provider: "
              + String.join("; ", lookup.get().disabledTargets())));
    }
    RoutePlan ordered = ordered(lookup.get());
    if (DEBUG_ROUTE.equalsIgnoreCase(chain.exchange().http().getHeader(DEBUG_HEADER))) {
      String explained = explanation(lookup.get(), ordered).compact();
      chain.exchange().response().putHeader(ROUTE_HEADER,
          ruleNote.map(note -> HeaderText.of(note, 256) + "; " + explained).orElse(explained));
    }
    return chain.proceed(request.withPlan(ordered));
  }

  /** The end user an experiment keeps to one variant: {@code x-switchyard-user}, else the body's own. */
  private static Optional<String> endUser(ProxyRequest request, Chain chain) {
    String header = chain.exchange().http().getHeader(USER_HEADER);
    return header != null && !header.isBlank() ? Optional.of(header) : request.endUser();
  }

  /** How a request for {@code model} would be routed now, for an operator asking why. */
  public Optional<Explanation> explain(String model) {
    return router.get().route(model).map(lookup -> explanation(lookup,
        lookup.plan().targets().isEmpty() ? lookup.plan() : ordered(lookup)));
  }

  private Explanation explanation(ModelRouter.Lookup lookup, RoutePlan plan) {
    return new Explanation(lookup, plan, plan.targets().stream()
        .map(t -> new Explanation.Candidate(t.provider().name(), t.upstreamModel(), health.of(t))).toList());
  }

  /**
   * A routing decision, explained: the model entry that matched, its strategy, the targets in the
   * order they would be tried, those left out and why, and the retry policy.
   */
  public record Explanation(ModelRouter.Lookup lookup, RoutePlan plan, List<Candidate> candidates) {
    /** One target of the plan, in order, and what is known of its health. */
    public record Candidate(String provider, String model, TargetHealth health) {}

    public String strategy() {
      return lookup.strategy().configName();
    }

    /** One line, for the {@code x-switchyard-route} header: printable ASCII, whatever the client named. */
    public String compact() {
      StringBuilder line = new StringBuilder()
          .append("model=").append(plan.requestedModel())
          .append("; entry=").append(plan.modelName())
          .append("; strategy=").append(strategy())
          .append("; candidates=").append(String.join(",", plan.targets().stream()
              .map(t -> t.provider().name() + "/" + t.upstreamModel()).toList()));
      if (!plan.skipped().isEmpty()) {
        line.append("; skipped=").append(String.join(",", plan.skipped()));
      }
      if (!lookup.disabledTargets().isEmpty()) {
        line.append("; disabled=").append(String.join(",", lookup.disabledTargets()));
      }
      line.append("; retry=").append(plan.retry().attempts()).append(" per target, ")
          .append(plan.retry().maxAttempts()).append(" in all");
      return HeaderText.of(line.toString(), 2048);
    }
  }

  private RoutePlan ordered(ModelRouter.Lookup lookup) {
    RoutePlan plan = lookup.plan();
    if (plan.targets().size() < 2) { // a lone target is tried whatever its breaker says: nothing to order or skip
      return plan;
    }
    List<UpstreamTarget> ordered = TargetOrder.order(plan.targets(), lookup.weights(), lookup.strategy(), health,
        ThreadLocalRandom.current());
    List<UpstreamTarget> live = new ArrayList<>(ordered.size());
    List<String> skipped = new ArrayList<>();
    for (UpstreamTarget target : ordered) {
      TargetHealth state = health.of(target);
      if (state.coolingDown()) {
        skipped.add(state.name() + ": circuit open");
      } else {
        live.add(target);
      }
    }
    if (live.isEmpty()) { // never none: with every breaker open, they are all tried as a last resort
      return plan.withTargets(ordered, List.of());
    }
    return plan.withTargets(live, skipped);
  }
}
