package dev.switchyard.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Known OpenAI-compatible providers: where they live, which environment variable holds their key,
 * and the quirks that make them differ from OpenAI. A provider with {@code kind: openai-compatible}
 * and {@code preset: <id>} (or simply {@code kind: <id>}) starts from these.
 */
public enum OpenAiCompatiblePreset {
  DEEPSEEK("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", Quirks.STANDARD),
  QWEN("qwen", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY", Quirks.STANDARD),
  MINIMAX("minimax", "https://api.minimax.io/v1", "MINIMAX_API_KEY", Quirks.STANDARD),
  // Mistral sends usage on its last chunk unasked and rejects fields it does not know.
  MISTRAL("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", Quirks.USAGE_ALWAYS_STREAMED),
  GROQ("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", Quirks.STANDARD),
  XAI("xai", "https://api.x.ai/v1", "XAI_API_KEY", Quirks.STANDARD),
  TOGETHER("together", "https://api.together.xyz/v1", "TOGETHER_API_KEY", Quirks.STANDARD),
  FIREWORKS("fireworks", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", Quirks.STANDARD),
  OPENROUTER("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", Quirks.STANDARD),
  // Local servers: no key needed.
  OLLAMA("ollama", "http://127.0.0.1:11434/v1", "OLLAMA_API_KEY", Quirks.OLLAMA),
  VLLM("vllm", "http://127.0.0.1:8000/v1", "VLLM_API_KEY", Quirks.KEYLESS);

  private final String id;
  private final String baseUrl;
  private final String keyVariable;
  private final Quirks quirks;

  OpenAiCompatiblePreset(String id, String baseUrl, String keyVariable, Quirks quirks) {
    this.id = id;
    this.baseUrl = baseUrl;
    this.keyVariable = keyVariable;
    this.quirks = quirks;
  }

  public String id() {
    return id;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The environment variable that, when set, enables this provider in the built-in default. */
  public String keyVariable() {
    return keyVariable;
  }

  public Quirks quirks() {
    return quirks;
  }

  public static Optional<OpenAiCompatiblePreset> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  /**
   * How a provider departs from OpenAI's own behaviour.
   *
   * @param requiresKey a provider without a key is disabled
   * @param acceptsStreamOptions whether {@code stream_options} may be sent; when not, it is removed
   *     (even the client's own) and the provider is relied on to send usage unasked
   * @param fetchesImageUrls whether the provider downloads an {@code image_url} that is not a data URL
   */
  public record Quirks(boolean requiresKey, boolean acceptsStreamOptions, boolean fetchesImageUrls) {
    public static final Quirks STANDARD = new Quirks(true, true, true);
    static final Quirks USAGE_ALWAYS_STREAMED = new Quirks(true, false, true);
    static final Quirks KEYLESS = new Quirks(false, true, true);
    /** Ollama's OpenAI-compatible API takes images as base64 only. */
    static final Quirks OLLAMA = new Quirks(false, true, false);
  }
}
