package dev.switchyard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The mock's Gemini {@code generateContent} answers, shaped like recorded Gemini traffic
 * ({@code ../shared/fixtures/gemini/generate-text.json}, {@code stream-text-sse.sse}): a text
 * candidate with {@code finishReason: STOP} and {@code usageMetadata}, and a stream
 * ({@code alt=sse}) of N {@code data: <GenerateContentResponse>} chunks, each a whole response
 * with one text fragment and the prompt's usage; the last adds the finish reason and the full usage.
 * Google's stream has no end sentinel and frames its events with {@code \r\n\r\n}.
 */
final class GeminiAnswers {
  static final String AUTH_ERROR = "{\"error\":{\"code\":401,\"message\":\"API key required: send it as "
      + "x-goog-api-key.\",\"status\":\"UNAUTHENTICATED\"}}";
  static final String SSE_ONLY_ERROR = "{\"error\":{\"code\":400,\"message\":\"The bench mock streams only with "
      + "alt=sse.\",\"status\":\"INVALID_ARGUMENT\"}}";
  private static final String MODEL = "bench-gemini";
  private static final int PROMPT_TOKENS = 24;

  private GeminiAnswers() {}

  static String response() {
    return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"The capital of France is Paris. It has been "
        + "the country's capital since the tenth century.\"}],\"role\":\"model\"},\"finishReason\":\"STOP\","
        + "\"index\":0}]," + usage(20, ":") + ",\"modelVersion\":\"" + MODEL + "\","
        + "\"responseId\":\"bench0000000000000000001\"}";
  }

  /** {@code count} stream chunks (at least one); the last carries the finish reason and the full usage. */
  static List<String> streamChunks(int count) {
    int chunks = Math.max(1, count);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      boolean last = i == chunks - 1;
      String text = i == 0 ? "word0" : " word" + i;
      // a space after each colon, as Google's stream is recorded
      events.add("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}],\"role\": "
          + "\"model\"}" + (last ? ",\"finishReason\": \"STOP\"" : "") + "}],"
          + usage(last ? chunks : 0, ": ") + ",\"modelVersion\": \"" + MODEL + "\","
          + "\"responseId\": \"bench0000000000000000002\"}\r\n\r\n");
    }
    return List.copyOf(events);
  }

  /** With no candidates yet (0) only the prompt is counted, as in every stream chunk but the last. */
  private static String usage(int candidatesTokens, String colon) {
    String prompt = "\"promptTokensDetails\"" + colon + "[{\"modality\"" + colon + "\"TEXT\",\"tokenCount\"" + colon
        + PROMPT_TOKENS + "}]";
    if (candidatesTokens == 0) {
      return "\"usageMetadata\"" + colon + "{\"promptTokenCount\"" + colon + PROMPT_TOKENS + ",\"totalTokenCount\""
          + colon + PROMPT_TOKENS + "," + prompt + "}";
    }
    return "\"usageMetadata\"" + colon + "{\"promptTokenCount\"" + colon + PROMPT_TOKENS
        + ",\"candidatesTokenCount\"" + colon + candidatesTokens + ",\"totalTokenCount\"" + colon
        + (PROMPT_TOKENS + candidatesTokens) + "," + prompt + ",\"candidatesTokensDetails\"" + colon
        + "[{\"modality\"" + colon + "\"TEXT\",\"tokenCount\"" + colon + candidatesTokens + "}]}";
  }
}
