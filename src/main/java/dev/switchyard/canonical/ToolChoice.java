package dev.switchyard.canonical;

/** Whether and which tool the model must call. */
public sealed interface ToolChoice {
  ToolChoice AUTO = new Auto();
  ToolChoice NONE = new None();
  ToolChoice REQUIRED = new Required();

  /** The model decides. */
  record Auto() implements ToolChoice {}

  /** No tool call. */
  record None() implements ToolChoice {}

  /** Some tool call. */
  record Required() implements ToolChoice {}

  /** This tool. */
  record Named(String name) implements ToolChoice {}
}
