package dev.switchyard.provider;

import io.vertx.core.Future;

/** An attempt in flight: its answer to come, and a way to abandon it at any point. */
public interface UpstreamCall {
  /** Completes when status and headers arrive; fails with {@link UpstreamFailure} when none will. */
  Future<UpstreamResponse> response();

  /** Abandons the attempt (the client went away): the connection is reset, nothing more arrives. */
  void cancel();
}
