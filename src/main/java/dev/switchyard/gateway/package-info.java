/** The gateway's shared core: the current config state, the pipelines, and the start-up banner. */
package dev.switchyard.gateway;
