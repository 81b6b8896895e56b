/**
 * Switchyard's own model of a request, a response and a stream, between protocols: every ingress
 * that cannot pass through parses into it, every egress renders from it. Conversations are items
 * (messages, tool calls, tool results, reasoning), not only chat messages, so the Responses API
 * and providers that interleave reasoning and tool use map without loss.
 */
package dev.switchyard.canonical;
