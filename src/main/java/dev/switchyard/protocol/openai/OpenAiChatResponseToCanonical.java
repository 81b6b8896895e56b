package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI {@code chat.completion} body to a canonical {@link ChatResponse} (the reverse of
 * {@link CanonicalToOpenAiChat}, for clients of other protocols on OpenAI models). Each choice's
 * message reads like an assistant message of a request: reasoning, then text (a refusal is text),
 * then tool calls. Message fields with no canonical place, such as web-search
 * {@code annotations} or {@code audio}, are listed as dropped.
 */
public final class OpenAiChatResponseToCanonical {
  /** Keys of a choice read here; {@code logprobs} has no canonical place and is reported. */
  private static final Set<String> CHOICE_KEYS = Set.of("index", "message", "finish_reason");

  private OpenAiChatResponseToCanonical() {}

  public static Translation<ChatResponse> translate(byte[] body) {
    JsonNode root;
    try {
      root = OpenAiChatToCanonical.JSON.readTree(body);
    } catch (IOException e) {
      throw GatewayException.badGateway("The upstream answer is not valid JSON.");
    }
    if (root == null || !root.path("choices").isArray()) {
      throw GatewayException.badGateway("The upstream answer is not a chat completion.");
    }
    List<String> dropped = new ArrayList<>();
    List<ChatResponse.Candidate> candidates = new ArrayList<>();
    JsonNode choices = root.path("choices");
    for (int i = 0; i < choices.size(); i++) {
      JsonNode choice = choices.get(i);
      String path = "choices[" + i + "]";
      DroppedFields.reportOthers(choice, CHOICE_KEYS, path, dropped);
      var items = OpenAiMessagesToCanonical.assistantItems(choice.path("message"), path + ".message",
          dropped);
      JsonNode reason = choice.path("finish_reason");
      candidates.add(new ChatResponse.Candidate(choice.path("index").asInt(i), items,
          OpenAiFinishReasons.fromOpenAi(reason.asText("stop")), Optional.empty()));
    }
    return new Translation<>(new ChatResponse(root.path("id").asText(""), root.path("model").asText(""),
        candidates, OpenAiUsage.scan(body).usage()), dropped);
  }
}
