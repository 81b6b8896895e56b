package dev.switchyard.canonical;

import java.util.List;
import java.util.Optional;

/**
 * A model request in canonical form.
 *
 * @param items the conversation, system and developer messages included, in order
 * @param maxOutputTokens the output limit the client set, if any (egresses that need one fill in
 *     the model's default)
 * @param presencePenalty OpenAI's and Gemini's penalty on tokens already present (-2 to 2)
 * @param frequencyPenalty their penalty by how often a token already appeared (-2 to 2)
 * @param stopSequences sequences that end the answer when produced
 * @param candidates how many alternative answers (OpenAI's {@code n}); 1 when not set
 * @param user an end-user id for the provider's abuse monitoring
 */
public record ChatRequest(
    String model,
    List<Item> items,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    Optional<Boolean> parallelToolCalls,
    Optional<Integer> maxOutputTokens,
    Optional<Double> temperature,
    Optional<Double> topP,
    Optional<Integer> topK,
    Optional<Double> presencePenalty,
    Optional<Double> frequencyPenalty,
    List<String> stopSequences,
    Optional<Long> seed,
    int candidates,
    Optional<ResponseFormat> responseFormat,
    Optional<ReasoningConfig> reasoning,
    Optional<String> user,
    boolean stream) {

  public ChatRequest {
    items = List.copyOf(items);
    tools = List.copyOf(tools);
    stopSequences = List.copyOf(stopSequences);
  }

  /** The same request with another conversation (media resolved, for one). */
  public ChatRequest withItems(List<Item> newItems) {
    return new ChatRequest(model, newItems, tools, toolChoice, parallelToolCalls, maxOutputTokens, temperature,
        topP, topK, presencePenalty, frequencyPenalty, stopSequences, seed, candidates, responseFormat, reasoning,
        user, stream);
  }
}
