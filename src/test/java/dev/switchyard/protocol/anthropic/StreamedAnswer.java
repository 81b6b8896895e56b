package dev.switchyard.protocol.anthropic;

import dev.switchyard.canonical.FinishReason;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Usage;
import java.util.ArrayList;
import java.util.List;

/** A canonical stream accumulated as a consumer would: reasoning, text and tool calls, usage, finish. */
record StreamedAnswer(List<Item> items, String text, List<Item.ToolCall> calls, Usage usage, FinishReason finish) {
  static StreamedAnswer of(List<StreamEvent> events) {
    List<Item> items = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = null;
    List<String[]> calls = new ArrayList<>(); // id, name, arguments
    Usage usage = null;
    FinishReason finish = null;
    for (StreamEvent event : events) {
      switch (event) {
        case StreamEvent.TextDelta t -> text.append(t.text());
        case StreamEvent.ReasoningDelta r -> reasoning = (reasoning == null ? new StringBuilder() : reasoning)
            .append(r.text());
        case StreamEvent.ReasoningSignature s -> {
          items.add(new Item.Reasoning(reasoning == null ? "" : reasoning.toString(), s.signature(), s.encrypted()));
          reasoning = null;
        }
        case StreamEvent.ToolCallStart c -> calls.add(new String[] {c.id(), c.name(), ""});
        case StreamEvent.ToolCallDelta d -> calls.get(d.toolIndex())[2] += d.argumentsFragment();
        case StreamEvent.Finish f -> finish = f.reason();
        case StreamEvent.UsageReport u -> usage = u.usage();
        default -> { }
      }
    }
    List<Item.ToolCall> toolCalls = calls.stream().map(c -> new Item.ToolCall(c[0], c[1], c[2])).toList();
    items.addAll(toolCalls);
    return new StreamedAnswer(items, text.toString(), toolCalls, usage, finish);
  }
}
