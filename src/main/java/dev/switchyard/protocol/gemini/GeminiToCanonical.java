package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.canonical.ToolDefinition;
import dev.switchyard.canonical.Translation;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's Gemini {@code GenerateContentRequest} as a canonical request, for the native endpoint
 * when the model lives elsewhere. The model and streaming come from the URL. Field names are read
 * in lowerCamelCase and snake_case alike, as Gemini's REST API takes both.
 *
 * <p>What each part does: {@link GeminiContentsToCanonical} (system instruction and contents),
 * {@link GeminiTools} (tools and tool config), {@link GeminiGenerationConfig} (sampling, output
 * format, thinking). {@code cachedContent} is part of the prompt, stored on Google's side, and is
 * refused with a 400. Dropped, named: {@code safetySettings} (Google's filters; other providers
 * have their own, not configurable this way), {@code labels} (billing labels) and unknown fields.
 * A {@code model} in the body other than the URL's is dropped too: the URL decides.
 */
public final class GeminiToCanonical {
  private static final Set<String> TRANSLATED = Set.of("contents", "systemInstruction", "tools", "toolConfig",
      "generationConfig", "model");

  private GeminiToCanonical() {}

  /** A client's request body; {@code model} and {@code stream} are what its URL says. */
  public static Translation<ChatRequest> request(byte[] body, String model, boolean stream) {
    JsonNode root = JsonTrees.readRequest(body);
    if (GeminiFields.has(root, "cachedContent")) {
      throw GatewayException.invalidRequest("cachedContent", "cachedContent refers to a prompt cached on"
          + " Google's side, which the model's provider cannot read; send the contents themselves.");
    }
    List<String> dropped = new ArrayList<>();
    List<Item> items = new ArrayList<>(
        GeminiContentsToCanonical.systemInstruction(GeminiFields.get(root, "systemInstruction"), dropped));
    items.addAll(GeminiContentsToCanonical.contents(GeminiFields.get(root, "contents"), dropped));
    List<ToolDefinition> tools = GeminiTools.toCanonical(GeminiFields.get(root, "tools"), dropped);
    ToolChoice choice = GeminiTools.toolChoiceToCanonical(GeminiFields.get(root, "toolConfig"), tools, dropped);
    GeminiGenerationConfig.Settings settings =
        GeminiGenerationConfig.toCanonical(GeminiFields.get(root, "generationConfig"), dropped);
    GeminiFields.string(root, "model")
        .filter(m -> !m.equals(model) && !m.equals("models/" + model))
        .ifPresent(m -> dropped.add("model"));
    GeminiFields.reportOthers(root, TRANSLATED, "", dropped);
    ChatRequest request = new ChatRequest(model, items, tools, choice, Optional.empty(),
        settings.maxOutputTokens(), settings.temperature(), settings.topP(), settings.topK(),
        settings.presencePenalty(), settings.frequencyPenalty(),
        settings.stopSequences(), settings.seed(), settings.candidates(), settings.responseFormat(),
        settings.reasoning(), Optional.empty(), stream);
    return new Translation<>(request, dropped);
  }
}
