/**
 * Server tests ({@code *IT}, run by failsafe after {@code package}): the official Java SDKs, plain
 * HTTP clients and, as processes, Claude Code, Gemini CLI and the Vercel AI SDK (see
 * {@link dev.switchyard.testing.agents}) against a real gateway, with fake upstreams replaying
 * recorded provider traffic or answering as scripted models. One gateway per class; each test
 * scripts the upstream replies it needs.
 */
package dev.switchyard.it;
