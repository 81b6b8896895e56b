/**
 * Getting a routed request served: the {@link dev.switchyard.forwarding.FailoverStage} makes one
 * attempt per target until one answers; each attempt ends in the
 * {@link dev.switchyard.forwarding.UpstreamCallStage}, which calls the provider through the
 * {@link dev.switchyard.forwarding.Forwarder} that {@link dev.switchyard.forwarding.Forwarders} picks:
 * a passthrough when client and provider speak the same protocol, else a translator through the
 * canonical model. Forwarders do the I/O; the protocols' codecs below them only transform.
 */
package dev.switchyard.forwarding;
