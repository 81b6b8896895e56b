package dev.switchyard.canonical;

/**
 * Token counts of one request as the provider reported them, normalised.
 *
 * <p>{@code inputTokens} counts all input as OpenAI does, cached included; {@code cachedInputTokens}
 * is the part served from the provider's prompt cache, {@code cacheCreationInputTokens} the part
 * written to it. {@code reasoningTokens} is the part of {@code outputTokens} spent thinking.
 */
public record Usage(
    long inputTokens,
    long cachedInputTokens,
    long cacheCreationInputTokens,
    long outputTokens,
    long reasoningTokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
