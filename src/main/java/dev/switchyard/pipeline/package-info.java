/** The request pipeline: an {@link dev.switchyard.pipeline.Exchange} passes through ordered {@link dev.switchyard.pipeline.Stage}s; rejections are {@link dev.switchyard.error.GatewayException}s rendered in the client's protocol. */
package dev.switchyard.pipeline;
