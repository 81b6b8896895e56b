/**
 * What every protocol provides and shares. The contracts: an {@link dev.switchyard.protocol.Ingress}
 * per client endpoint, its {@link dev.switchyard.protocol.PassthroughCodec}, and the translation
 * codecs that meet in the canonical model ({@link dev.switchyard.protocol.ChatIngressCodec},
 * {@link dev.switchyard.protocol.ChatEgressCodec}, with {@link dev.switchyard.protocol.StreamDecoder}
 * and {@link dev.switchyard.protocol.StreamEncoder}). The shared helpers: scanning a JSON request
 * body once (types checked, model located), editing it in place with byte splices, JSON trees.
 * Each protocol has its own sub-package; none of this does I/O.
 */
package dev.switchyard.protocol;
