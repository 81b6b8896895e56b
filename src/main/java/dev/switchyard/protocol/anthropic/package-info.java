/**
 * Anthropic's Messages API as a protocol: translation between its requests, responses, streams and
 * errors and Switchyard's canonical model, in both directions. Pure functions of bytes and records:
 * no HTTP here.
 */
package dev.switchyard.protocol.anthropic;
