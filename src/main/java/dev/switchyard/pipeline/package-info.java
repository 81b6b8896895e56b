/**
 * The request pipeline: an {@link dev.switchyard.pipeline.Exchange} passes through ordered
 * {@link dev.switchyard.pipeline.Stage}s, each handing the next an immutable
 * {@link dev.switchyard.pipeline.ProxyRequest} with what it learned; the last stage makes
 * {@link dev.switchyard.pipeline.Attempt}s, each through its own chain of
 * {@link dev.switchyard.pipeline.AttemptStage}s. Every exchange ends in one
 * {@link dev.switchyard.pipeline.Completion} that stages and {@link dev.switchyard.pipeline.ExchangeObserver}s see.
 */
package dev.switchyard.pipeline;
