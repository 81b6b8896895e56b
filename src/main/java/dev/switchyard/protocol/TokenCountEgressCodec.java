package dev.switchyard.protocol;

import dev.switchyard.canonical.ChatRequest;

/** A provider's token-counting method, seen from translation: the input tokens it counted. */
public interface TokenCountEgressCodec extends AnswerEgressCodec<ChatRequest, Long> {}
