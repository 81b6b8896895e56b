package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Translation;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical requests as Gemini {@code GenerateContentRequest} bodies, for a model on Gemini. The
 * model and streaming are in the URL ({@code models/<model>:generateContent} or
 * {@code :streamGenerateContent}), not in the body.
 *
 * <p>What each part does: {@link CanonicalItemsToGemini} (system instruction and contents),
 * {@link GeminiTools} (tools and tool config), {@link GeminiGenerationConfig} (sampling, output
 * format, thinking). Dropped, named: {@code user} (Gemini has no end-user id) and whatever those
 * list; nothing else is lost.
 */
public final class CanonicalToGemini {
  private CanonicalToGemini() {}

  /** The request body to send to Gemini for {@code upstreamModel} (which decides how thinking is asked for). */
  public static Translation<byte[]> request(ChatRequest request, String upstreamModel) {
    return request(request, upstreamModel, GeminiSchemas.DEFAULT_MAX_NODES);
  }

  /** As above, with tool schemas allowed to expand to at most {@code maxSchemaNodes} nodes. */
  public static Translation<byte[]> request(ChatRequest request, String upstreamModel, int maxSchemaNodes) {
    List<String> dropped = new ArrayList<>();
    ObjectNode body = JsonTrees.object();
    CanonicalItemsToGemini.Rendered rendered = CanonicalItemsToGemini.render(request.items(), dropped);
    if (!rendered.system().isEmpty()) {
      body.putObject("systemInstruction").set("parts", rendered.system());
    }
    body.set("contents", rendered.contents());
    GeminiTools.toGemini(request, body, dropped, new GeminiSchemas.Budget(maxSchemaNodes));
    ObjectNode config = GeminiGenerationConfig.toGemini(request, upstreamModel, dropped);
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
    if (request.user().isPresent()) {
      dropped.add("user");
    }
    return new Translation<>(JsonTrees.bytes(body), dropped);
  }
}
