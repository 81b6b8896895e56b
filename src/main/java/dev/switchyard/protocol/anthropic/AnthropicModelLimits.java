package dev.switchyard.protocol.anthropic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Switchyard knows about Claude models' output limits: the most {@code max_tokens} each
 * accepts, and the {@code max_tokens} to send when the client set none (Anthropic requires one,
 * OpenAI does not). Unknown models get no limit check, so a new model never gets a 400 from a stale
 * table; their default is the capped one when the name says a generation of 4 or later (every such
 * model takes at least 32k), else a modest one.
 */
public final class AnthropicModelLimits {
  /** When the model is unknown and not of a recent generation: small enough for every Claude model. */
  public static final int FALLBACK_DEFAULT = 4096;

  /** {@code claude-<family>-<generation>}, as Anthropic has named models since Claude 4. */
  private static final Pattern RECENT_NAME = Pattern.compile("claude-[a-z]+-(\\d+)(?:[-.@:].*)?");

  /**
   * A cap on the default, not on what a client may ask for: Anthropic sizes its output-token
   * rate limiting by {@code max_tokens}, so a huge default would cost clients concurrency.
   */
  static final int DEFAULT_CAP = 16_384;

  /** After a family name: nothing, a date, an alias suffix, or a cloud's version suffix. */
  private static final Pattern VERSION_SUFFIX =
      Pattern.compile("(-\\d{8}.*|-latest|@.*|-v\\d.*|:.*)?");

  /** Family names, most specific first; each family's output limit from Anthropic's model table. */
  private static final List<Family> FAMILIES = List.of(
      new Family("claude-opus-4-8", 128_000),
      new Family("claude-opus-4-7", 128_000),
      new Family("claude-opus-4-6", 128_000),
      new Family("claude-sonnet-4-6", 128_000),
      new Family("claude-opus-4-5", 64_000),
      new Family("claude-sonnet-4-5", 64_000),
      new Family("claude-haiku-4-5", 64_000),
      new Family("claude-opus-4-1", 32_000),
      new Family("claude-opus-4-0", 32_000),
      new Family("claude-opus-4", 32_000),
      new Family("claude-sonnet-4-0", 64_000),
      new Family("claude-sonnet-4", 64_000),
      new Family("claude-3-7-sonnet", 64_000),
      new Family("claude-3-5-sonnet", 8_192),
      new Family("claude-3-5-haiku", 8_192),
      new Family("claude-3-opus", 4_096),
      new Family("claude-3-sonnet", 4_096),
      new Family("claude-3-haiku", 4_096));

  private AnthropicModelLimits() {}

  /** The most output tokens {@code model} accepts, when Switchyard knows the model. */
  public static Optional<Integer> maxOutputTokens(String model) {
    return family(model).map(Family::maxOutput);
  }

  /** The {@code max_tokens} to send when the client set none. */
  public static int defaultOutputTokens(String model) {
    return family(model).map(f -> Math.min(f.maxOutput(), DEFAULT_CAP))
        .orElse(isRecentGeneration(model) ? DEFAULT_CAP : FALLBACK_DEFAULT);
  }

  /** A name such as {@code claude-opus-5-5} or {@code claude-fable-5-1}: generation 4 or later. */
  private static boolean isRecentGeneration(String model) {
    if (model == null || model.indexOf("claude-") < 0) {
      return false;
    }
    java.util.regex.Matcher matcher = RECENT_NAME.matcher(model.substring(model.indexOf("claude-")));
    return matcher.matches() && Integer.parseInt(matcher.group(1)) >= 4;
  }

  private static Optional<Family> family(String model) {
    if (model == null) {
      return Optional.empty();
    }
    // Bedrock and Vertex put a region or vendor before the name: us.anthropic.claude-..., claude-...@date
    int start = model.indexOf("claude-");
    if (start < 0) {
      return Optional.empty();
    }
    String name = model.substring(start);
    for (Family family : FAMILIES) {
      if (name.startsWith(family.name())
          && VERSION_SUFFIX.matcher(name.substring(family.name().length())).matches()) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  private record Family(String name, int maxOutput) {}
}
