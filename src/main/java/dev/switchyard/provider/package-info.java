/** Upstream providers: their run-time form, transports (HTTP, in-process) and OpenAI-compatible presets. */
package dev.switchyard.provider;
