package dev.switchyard.canonical;

/** Why the model stopped, in terms every protocol's own reasons map to and from. */
public enum FinishReason {
  /** A natural end of the turn. */
  STOP,
  /** One of the request's stop sequences was produced. */
  STOP_SEQUENCE,
  /** The output token limit was reached. */
  LENGTH,
  /** The model called tools and waits for their results. */
  TOOL_CALLS,
  /** A safety system or the model refused. */
  CONTENT_FILTER,
  /** The provider paused a long turn to be continued (Anthropic's pause_turn). */
  PAUSE,
  /** Anything else the provider reported. */
  OTHER
}
