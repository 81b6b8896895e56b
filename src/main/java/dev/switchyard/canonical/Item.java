package dev.switchyard.canonical;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a conversation. An assistant turn is a run of items — reasoning, text, tool calls —
 * in the order the model produced them; each protocol groups them into its own message shapes.
 */
public sealed interface Item {

  /** Text and media from one role. */
  record Message(Role role, List<ContentPart> content) implements Item {
    public Message {
      content = List.copyOf(content);
    }
  }

  /** The model asks for a tool to run; {@code arguments} is JSON text as the model wrote it. */
  record ToolCall(String id, String name, String arguments) implements Item {}

  /** A tool's answer to the call {@code callId}. */
  record ToolResult(String callId, List<ContentPart> content, boolean isError) implements Item {
    public ToolResult {
      content = List.copyOf(content);
    }
  }

  /**
   * The model's thinking. {@code signature} (Anthropic) or an opaque {@code encrypted} form
   * (Anthropic's redacted thinking, OpenAI's encrypted reasoning, Gemini's thought signature) must
   * go back unchanged on the next turn for multi-turn tool use with thinking to work.
   */
  record Reasoning(String text, Optional<String> signature, Optional<String> encrypted) implements Item {}
}
