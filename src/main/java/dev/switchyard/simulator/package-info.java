/** The built-in simulator: an in-process provider speaking OpenAI's format, for demos, tests and load tests. */
package dev.switchyard.simulator;
