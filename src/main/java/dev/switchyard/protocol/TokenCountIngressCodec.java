package dev.switchyard.protocol;

import dev.switchyard.canonical.ChatRequest;

/**
 * A client's token-counting endpoint (Anthropic's count_tokens, Gemini's countTokens), seen from
 * translation: the request whose input would be counted, and the count of input tokens back.
 */
public non-sealed interface TokenCountIngressCodec extends ClientCodec, AnswerIngressCodec<ChatRequest, Long> {}
