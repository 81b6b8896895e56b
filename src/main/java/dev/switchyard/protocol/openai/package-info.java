/**
 * OpenAI's wire protocol: request scanning and rewriting, the passthrough relay, usage reading, error
 * JSON, and chat completions translated to and from the canonical model (requests, responses and
 * streams, each class named by its direction).
 */
package dev.switchyard.protocol.openai;
