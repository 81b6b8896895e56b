package dev.switchyard.config;

import java.util.List;

/**
 * One entry of {@code experiments:}: a model name that splits its traffic between other models by
 * percentage, each end user keeping to one variant (by the OpenAI {@code user}, the Anthropic
 * {@code metadata.user_id}, or the {@code x-switchyard-user} header; a request naming no user is
 * placed at random).
 *
 * @param name the model name clients send
 */
public record ExperimentConfig(String name, List<Variant> variants) {
  public ExperimentConfig {
    variants = List.copyOf(variants);
  }

  /**
   * @param name what the variant is called in {@code x-switchyard-variant} (the model, unless named)
   * @param model a configured model name
   * @param percent its share of the traffic; the variants' shares add up to 100
   */
  public record Variant(String name, String model, double percent) {}
}
