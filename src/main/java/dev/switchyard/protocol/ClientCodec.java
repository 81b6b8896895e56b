package dev.switchyard.protocol;

/**
 * The client's side of a translation, one kind per kind of endpoint: chat ({@link ChatIngressCodec}),
 * embeddings and token counting. {@link Forwarders} joins it to the provider side of the same kind.
 */
public sealed interface ClientCodec permits ChatIngressCodec, EmbeddingsIngressCodec, TokenCountIngressCodec {}
