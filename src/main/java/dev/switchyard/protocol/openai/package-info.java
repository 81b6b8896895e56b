/** OpenAI's wire protocol: request scanning and rewriting, the passthrough relay, usage reading, error JSON. */
package dev.switchyard.protocol.openai;
