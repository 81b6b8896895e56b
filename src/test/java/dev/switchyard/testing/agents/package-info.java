/**
 * Test support for real clients run as processes: the project-local Node packages
 * ({@link dev.switchyard.testing.agents.NodeClients}), a bounded, sealed-off run of one command
 * ({@link dev.switchyard.testing.agents.CliRun}), fake models that answer in each provider's wire
 * format by reading the conversation ({@link dev.switchyard.testing.agents.ToolScript} and the
 * {@code Fake*Model} classes), so an agent's tool round trip and its side requests both get answers,
 * and the gateway in front of them ({@link dev.switchyard.testing.agents.AgentGateway}).
 */
package dev.switchyard.testing.agents;
