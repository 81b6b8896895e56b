/**
 * Translation between protocols: an {@link dev.switchyard.translation.IngressCodec} (the client's
 * side) and an {@link dev.switchyard.translation.EgressCodec} (the provider's side) meet in the
 * canonical model, joined by the {@link dev.switchyard.translation.TranslatingForwarder}.
 */
package dev.switchyard.translation;
