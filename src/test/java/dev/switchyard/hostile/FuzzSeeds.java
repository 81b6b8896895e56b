package dev.switchyard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.testing.ClaudeCodeCapture;
import dev.switchyard.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The request bodies the fuzzer starts from: every recorded request of the shared fixtures, filed
 * under the endpoint that takes it (by its recorded URL path), and the captured Claude Code
 * request. Endpoints with no recording of their own get seeds cut from a neighbour's: token counts
 * from chat requests, single embeddings from a batch's entries.
 */
final class FuzzSeeds {
  private final Map<FuzzEndpoint, List<ObjectNode>> seeds;

  private FuzzSeeds(Map<FuzzEndpoint, List<ObjectNode>> seeds) {
    this.seeds = seeds;
  }

  static FuzzSeeds load() {
    Map<FuzzEndpoint, List<ObjectNode>> seeds = new EnumMap<>(FuzzEndpoint.class);
    for (FuzzEndpoint endpoint : FuzzEndpoint.values()) {
      seeds.put(endpoint, new ArrayList<>());
    }
    for (String provider : List.of("openai", "anthropic", "gemini")) {
      for (String name : caseNames(provider)) {
        for (Fixtures.Exchange exchange : Fixtures.load(provider, name).exchanges()) {
          if (exchange.requestBody().isPresent() && exchange.request() instanceof ObjectNode body) {
            file(seeds, exchange.urlPath(), body);
          }
        }
      }
    }
    seeds.get(FuzzEndpoint.ANTHROPIC_MESSAGES).add(
        (ObjectNode) Fixtures.readJson(new String(ClaudeCodeCapture.request(), StandardCharsets.UTF_8)));
    for (ObjectNode messages : seeds.get(FuzzEndpoint.ANTHROPIC_MESSAGES)) {
      ObjectNode count = messages.deepCopy();
      count.remove(List.of("max_tokens", "stream", "temperature", "metadata"));
      seeds.get(FuzzEndpoint.ANTHROPIC_COUNT_TOKENS).add(count);
    }
    for (ObjectNode generate : seeds.get(FuzzEndpoint.GEMINI_GENERATE)) {
      ObjectNode contentsOnly = Fixtures.JSON.createObjectNode();
      contentsOnly.set("contents", generate.path("contents").deepCopy());
      seeds.get(FuzzEndpoint.GEMINI_COUNT_TOKENS).add(contentsOnly);
      ObjectNode wrapped = Fixtures.JSON.createObjectNode();
      ObjectNode inner = generate.deepCopy();
      inner.put("model", "models/gemini-2.5-flash");
      wrapped.set("generateContentRequest", inner);
      seeds.get(FuzzEndpoint.GEMINI_COUNT_TOKENS).add(wrapped);
    }
    seeds.get(FuzzEndpoint.GEMINI_STREAM_SSE).addAll(seeds.get(FuzzEndpoint.GEMINI_GENERATE));
    seeds.get(FuzzEndpoint.GEMINI_STREAM_ARRAY).addAll(seeds.get(FuzzEndpoint.GEMINI_GENERATE));
    for (ObjectNode batch : seeds.get(FuzzEndpoint.GEMINI_BATCH_EMBED)) {
      for (JsonNode entry : batch.path("requests")) {
        if (entry instanceof ObjectNode single) {
          seeds.get(FuzzEndpoint.GEMINI_EMBED).add(single.deepCopy());
        }
      }
    }
    seeds.forEach((endpoint, list) -> {
      if (list.isEmpty()) {
        throw new IllegalStateException("no recorded request seeds the fuzzing of " + endpoint);
      }
    });
    return new FuzzSeeds(seeds);
  }

  private static void file(Map<FuzzEndpoint, List<ObjectNode>> seeds, String urlPath, ObjectNode body) {
    String path = urlPath.replaceFirst("\\?.*", "");
    FuzzEndpoint endpoint;
    if (path.equals("/v1/chat/completions")) {
      endpoint = FuzzEndpoint.OPENAI_CHAT;
    } else if (path.equals("/v1/embeddings")) {
      endpoint = FuzzEndpoint.OPENAI_EMBEDDINGS;
    } else if (path.equals("/v1/messages")) {
      endpoint = FuzzEndpoint.ANTHROPIC_MESSAGES;
    } else if (path.endsWith(":generateContent") || path.endsWith(":streamGenerateContent")) {
      endpoint = FuzzEndpoint.GEMINI_GENERATE;
    } else if (path.endsWith(":batchEmbedContents")) {
      endpoint = FuzzEndpoint.GEMINI_BATCH_EMBED;
    } else {
      return; // an endpoint the gateway does not serve (the Responses API, images)
    }
    seeds.get(endpoint).add(body);
  }

  private static List<String> caseNames(String provider) {
    Path dir = Fixtures.sharedDir().resolve("fixtures").resolve(provider);
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".json") && !name.endsWith(".stream.json"))
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .sorted() // a fixed order, so a seed's index means the same body on every run
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A plain request every provider can serve on {@code endpoint}: a recorded text request (or what
   * is cut from one for the endpoints without recordings of their own), asking for a stand-in model.
   */
  static ObjectNode ordinary(FuzzEndpoint endpoint) {
    return switch (endpoint) {
      case OPENAI_CHAT -> recorded("openai", "chat-text");
      case OPENAI_EMBEDDINGS -> recorded("openai", "embeddings-base64");
      case ANTHROPIC_MESSAGES -> recorded("anthropic", "messages-text");
      case ANTHROPIC_COUNT_TOKENS -> {
        ObjectNode count = recorded("anthropic", "messages-text");
        count.remove(List.of("max_tokens", "stream"));
        yield count;
      }
      case GEMINI_GENERATE, GEMINI_STREAM_SSE, GEMINI_STREAM_ARRAY -> recorded("gemini", "generate-text");
      case GEMINI_COUNT_TOKENS -> {
        ObjectNode count = Fixtures.JSON.createObjectNode();
        count.set("contents", recorded("gemini", "generate-text").path("contents"));
        yield count;
      }
      case GEMINI_EMBED -> (ObjectNode) recorded("gemini", "embed-batch").path("requests").path(0);
      case GEMINI_BATCH_EMBED -> recorded("gemini", "embed-batch");
    };
  }

  private static ObjectNode recorded(String provider, String name) {
    return (ObjectNode) Fixtures.load(provider, name).first().request();
  }

  /** The seeds of {@code endpoint}, in a fixed order; callers copy before changing one. */
  List<ObjectNode> of(FuzzEndpoint endpoint) {
    return seeds.get(endpoint);
  }

  /** How many seeds there are in all. */
  int size() {
    return seeds.values().stream().mapToInt(List::size).sum();
  }
}
