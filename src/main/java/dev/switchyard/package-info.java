/** Switchyard, an AI API gateway: {@link dev.switchyard.Switchyard} starts one; {@link dev.switchyard.Launcher} is the jar's entry point. */
package dev.switchyard;
