package dev.switchyard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The mock's Anthropic Messages answers, shaped like recorded Anthropic traffic: a text message
 * with usage (cache fields included), and a stream's {@code event:}/{@code data:} events in
 * Anthropic's order — {@code message_start} (with usage), {@code content_block_start},
 * {@code ping}, N {@code content_block_delta} text deltas, {@code content_block_stop},
 * {@code message_delta} (stop reason and usage), {@code message_stop}.
 */
final class AnthropicAnswers {
  static final String AUTH_ERROR = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
      + "\"message\":\"x-api-key header is required\"}}";
  private static final String MODEL = "bench-claude";

  private AnthropicAnswers() {}

  static String message() {
    return "{\"id\":\"msg_bench0000000000000000000001\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
        + MODEL + "\",\"content\":[{\"type\":\"text\",\"text\":\"The capital of France is Paris. It has been "
        + "the country's capital since the tenth century.\"}],\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":24,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
        + "\"ephemeral_1h_input_tokens\":0},\"output_tokens\":20,\"service_tier\":\"standard\"}}";
  }

  /** The events before the first delta: they go out together, as Anthropic sends them. */
  static List<String> streamHead() {
    return List.of(
        event("message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"" + MODEL + "\","
            + "\"id\":\"msg_bench0000000000000000000002\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":24,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":"
            + "{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,"
            + "\"service_tier\":\"standard\"}}}"),
        event("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        // Anthropic's ping has a space after the colon, unlike its other events
        event("ping", "{\"type\": \"ping\"}"));
  }

  static List<String> streamDeltas(int count) {
    List<String> deltas = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deltas.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + (i == 0 ? "word0" : " word" + i) + "\"}}"));
    }
    return List.copyOf(deltas);
  }

  /** The events after the last delta; {@code message_delta} carries the cumulative usage. */
  static List<String> streamTail(int outputTokens) {
    return List.of(
        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":24,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"output_tokens\":" + outputTokens + "}}"),
        event("message_stop", "{\"type\":\"message_stop\"}"));
  }

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }
}
