package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ChatResponse;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.canonical.Translation;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.json.Json;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.provider.UpstreamTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** OpenAI chat completions as a translation target: for clients of other protocols on OpenAI-speaking models. */
public final class OpenAiChatEgress implements ChatEgressCodec {
  public static final OpenAiChatEgress INSTANCE = new OpenAiChatEgress();
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final CanonicalToOpenAiChatRequest.Options COMPATIBLE =
      new CanonicalToOpenAiChatRequest.Options(true, false);

  private OpenAiChatEgress() {}

  @Override
  public String path(ChatRequest request, UpstreamTarget target) {
    return OpenAiEndpoint.CHAT_COMPLETIONS.path();
  }

  @Override
  public Translation<byte[]> encodeRequest(ChatRequest request, UpstreamTarget target) {
    return CanonicalToOpenAiChatRequest.request(request, target.upstreamModel(), options(target));
  }

  /**
   * OpenAI itself takes {@code max_completion_tokens}; OpenAI-compatible servers (DeepSeek, vLLM,
   * Ollama...) widely know only the older {@code max_tokens}, which OpenAI still accepts too.
   */
  private static CanonicalToOpenAiChatRequest.Options options(UpstreamTarget target) {
    return ProviderKinds.OPENAI.equals(target.provider().kind())
        ? CanonicalToOpenAiChatRequest.Options.OPENAI
        : COMPATIBLE;
  }

  /** Chat completions take images by URL (where the server fetches them) but files only inline or by id. */
  @Override
  public boolean takesUrl(ContentPart part, UpstreamTarget target) {
    return part instanceof ContentPart.Image && target.provider().fetchesImageUrls();
  }

  @Override
  public ChatResponse decodeResponse(byte[] body) {
    return OpenAiChatResponseToCanonical.translate(body).value();
  }

  @Override
  public StreamDecoder newStreamDecoder(Consumer<StreamEvent> out) {
    return new OpenAiChatStreamDecoder(out);
  }

  @Override
  public UpstreamError decodeError(int status, byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isObject()) {
        return new UpstreamError(status, error.path("type").asText("api_error"), error.path("message").asText(""));
      }
    } catch (IOException e) {
      // not JSON: said as it came
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return new UpstreamError(status, "api_error", text.length() > 500 ? text.substring(0, 500) + "..." : text);
  }
}
