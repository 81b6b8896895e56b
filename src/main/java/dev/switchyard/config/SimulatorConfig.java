package dev.switchyard.config;

import java.time.Duration;

/**
 * Settings of the built-in simulator provider; requests may override them per call.
 *
 * @param latency time before the first byte of the answer
 * @param tokensPerSecond streaming pace; 0 streams as fast as possible
 */
public record SimulatorConfig(Duration latency, double tokensPerSecond) {
  public static final SimulatorConfig DEFAULT = new SimulatorConfig(Duration.ZERO, 0);
}
