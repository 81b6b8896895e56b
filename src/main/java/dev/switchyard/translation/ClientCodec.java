package dev.switchyard.translation;

/**
 * The client's side of a translation, one kind per kind of endpoint: chat ({@link IngressCodec}),
 * embeddings and token counting. {@link Forwarders} joins it to the provider side of the same kind.
 */
public sealed interface ClientCodec permits IngressCodec, EmbeddingsIngressCodec, TokenCountIngressCodec {}
