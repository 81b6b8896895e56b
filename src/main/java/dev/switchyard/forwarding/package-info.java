/**
 * Translation between protocols: an {@link dev.switchyard.protocol.ChatIngressCodec} (the client's
 * side) and an {@link dev.switchyard.protocol.ChatEgressCodec} (the provider's side) meet in the
 * canonical model, joined by the {@link dev.switchyard.forwarding.TranslatingForwarder}.
 */
package dev.switchyard.forwarding;
