package dev.switchyard.canonical;

import java.util.List;
import java.util.Optional;

/**
 * A complete (non-streamed) model answer in canonical form.
 *
 * @param candidates one per alternative answer; almost always exactly one
 * @param usage as the provider reported it; empty when it reported none
 */
public record ChatResponse(String id, String model, List<Candidate> candidates, Optional<Usage> usage) {
  public ChatResponse {
    candidates = List.copyOf(candidates);
  }

  /**
   * One answer: the assistant's items in order, and why it ended.
   *
   * @param stopSequence the stop sequence that ended it, when {@code finishReason} is STOP_SEQUENCE
   */
  public record Candidate(int index, List<Item> items, FinishReason finishReason, Optional<String> stopSequence) {
    public Candidate {
      items = List.copyOf(items);
    }
  }
}
