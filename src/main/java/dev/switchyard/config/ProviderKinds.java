package dev.switchyard.config;

import dev.switchyard.config.OpenAiCompatiblePreset;
import java.util.Arrays;
import java.util.List;

/** The provider kinds and OpenAI-compatible presets that a config may name. */
public final class ProviderKinds {
  public static final String OPENAI = "openai";
  public static final String OPENAI_COMPATIBLE = "openai-compatible";
  public static final String ANTHROPIC = "anthropic";
  public static final String GEMINI = "gemini";
  public static final String SIMULATOR = "simulator";
  public static final List<String> ALL = List.of(OPENAI, OPENAI_COMPATIBLE, ANTHROPIC, GEMINI, SIMULATOR);
  public static final List<String> PRESETS =
      Arrays.stream(OpenAiCompatiblePreset.values()).map(OpenAiCompatiblePreset::id).toList();

  private ProviderKinds() {}

  public static boolean isPreset(String name) {
    return PRESETS.contains(name);
  }
}
