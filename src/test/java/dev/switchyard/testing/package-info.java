/**
 * Test support for server tests: {@link dev.switchyard.testing.GatewayHarness} starts Switchyard in
 * this JVM on port 0; {@link dev.switchyard.testing.FakeUpstream} stands in for a provider and replays
 * {@link dev.switchyard.testing.Fixtures} (recorded traffic from {@code ../shared/fixtures});
 * {@link dev.switchyard.testing.OpenAiSpec} checks bodies against OpenAI's published OpenAPI spec;
 * {@link dev.switchyard.testing.LeakGuard} fails the suite if an upstream key reaches a client.
 */
package dev.switchyard.testing;
