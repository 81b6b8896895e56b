package dev.switchyard.pipeline;

import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.Ingress;
import java.util.Optional;

/**
 * What the stages have learned about a request, passed down the chain and never changed: each
 * stage hands the next one a copy with what it found ({@code chain.proceed(request.withPlan(plan))}),
 * so a stage sees exactly what the stages before it established.
 *
 * @param ingress the endpoint the client called: how to parse its body and render its errors
 * @param principal who is calling, once authenticated
 * @param body the client's request as its protocol parsed it, once read
 * @param plan where the request may be served, once routed
 */
public record ProxyRequest(Ingress ingress, Optional<Principal> principal, Optional<ClientRequest> body,
    Optional<RoutePlan> plan) {

  /** A request nothing is known about yet but the endpoint it came to. */
  public static ProxyRequest arriving(Ingress ingress) {
    return new ProxyRequest(ingress, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public ProxyRequest withPrincipal(Principal value) {
    return new ProxyRequest(ingress, Optional.of(value), body, plan);
  }

  public ProxyRequest withBody(ClientRequest value) {
    return new ProxyRequest(ingress, principal, Optional.of(value), plan);
  }

  public ProxyRequest withPlan(RoutePlan value) {
    return new ProxyRequest(ingress, principal, body, Optional.of(value));
  }

  /** The parsed body; only stages after the body was read may ask. */
  public ClientRequest client() {
    return body.orElseThrow(() -> new IllegalStateException("the body has not been read yet"));
  }
  /** The end user the client's body names, if any (read from the body only when asked). */
  public Optional<String> endUser() {
    return client().endUser();
  }


  /** The routing plan; only stages after routing may ask. */
  public RoutePlan routePlan() {
    return plan.orElseThrow(() -> new IllegalStateException("the request has not been routed yet"));
  }

  /** The model the client asked for, empty until the body is read. */
  public String model() {
    return body.map(ClientRequest::model).orElse("");
  }

  public boolean stream() {
    return body.map(ClientRequest::stream).orElse(false);
  }
}
