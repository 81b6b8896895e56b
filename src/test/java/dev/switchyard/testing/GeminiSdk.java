package dev.switchyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerationConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
import dev.switchyard.sse.SseEvent;
import dev.switchyard.sse.SseEventSplitter;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The official Gemini SDK ({@code com.google.genai}) as a judge of Gemini bodies, and the two
 * framings of Gemini's streams. The SDK reads whole requests only as its own parameters type, so
 * a request body is read part by part with the types of its fields; every field must survive the
 * SDK's round trip (a misspelt field would vanish).
 */
public final class GeminiSdk {
  /** Keys whose values are free-form JSON (arguments, responses, schemas): not checked against the SDK. */
  private static final Set<String> FREE_FORM = Set.of("args", "response", "responseJsonSchema", "properties",
      "example", "default");
  /** Google's documented placeholder signature, which is not base64 at all. */
  private static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

  private GeminiSdk() {}

  /** Checks a {@code GenerateContentRequest} body against the SDK's types, part by part. */
  public static void assertRequestAccepted(JsonNode body) {
    assertThat(fieldNames(body)).isSubsetOf(
        "systemInstruction", "contents", "tools", "toolConfig", "generationConfig");
    for (JsonNode content : body.path("contents")) {
      assertSurvives(standardBase64(content), text -> Content.fromJson(text).toJson());
    }
    if (body.has("systemInstruction")) {
      assertSurvives(body.get("systemInstruction"), text -> Content.fromJson(text).toJson());
    }
    for (JsonNode tool : body.path("tools")) {
      assertSurvives(tool, text -> Tool.fromJson(text).toJson());
    }
    if (body.has("toolConfig")) {
      assertSurvives(body.get("toolConfig"), text -> ToolConfig.fromJson(text).toJson());
    }
    if (body.has("generationConfig")) {
      assertSurvives(body.get("generationConfig"), text -> GenerationConfig.fromJson(text).toJson());
    }
  }

  /** A request body the gateway sent a Gemini upstream, checked by {@link #assertRequestAccepted}. */
  public static JsonNode acceptedRequest(byte[] body) {
    JsonNode json = Fixtures.readJson(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    assertRequestAccepted(json);
    return json;
  }

  /** Reads a {@code GenerateContentResponse} (or stream chunk) with the SDK; every field must survive. */
  public static GenerateContentResponse assertResponseAccepted(byte[] body) {
    JsonNode json = standardBase64(Fixtures.readJson(new String(body, StandardCharsets.UTF_8)));
    assertSurvives(json, text -> GenerateContentResponse.fromJson(text).toJson());
    return GenerateContentResponse.fromJson(json.toString());
  }

  /**
   * Reads a recorded {@code GenerateContentResponse} with the SDK, which ignores fields newer than
   * its version (Google's recordings hold some, such as {@code usageMetadata.serviceTier}).
   */
  public static GenerateContentResponse readResponse(byte[] body) {
    return GenerateContentResponse.fromJson(standardBase64(Fixtures.readJson(
        new String(body, StandardCharsets.UTF_8))).toString());
  }

  /**
   * The JSON with every {@code thoughtSignature} in standard base64: proto JSON (Gemini's server)
   * takes the URL-safe alphabet and Google's placeholder too, as the recordings show, but the Java
   * SDK's Jackson reads only the standard one.
   */
  public static JsonNode standardBase64(JsonNode json) {
    JsonNode copy = json.deepCopy();
    copy.findParents("thoughtSignature").forEach(parent -> {
      String signature = parent.get("thoughtSignature").asText();
      ((ObjectNode) parent).put("thoughtSignature", signature.equals(SKIP_SIGNATURE) ? "c2tpcA=="
          : signature.replace('-', '+').replace('_', '/'));
    });
    return copy;
  }

  /**
   * The chunks of a stream body in either framing: an SSE body cut by Switchyard's splitter from
   * small uneven reads, or the elements of the JSON-array form.
   */
  public static List<byte[]> chunks(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("[")) {
      List<byte[]> elements = new ArrayList<>();
      Fixtures.readJson(text).forEach(element -> elements.add(Fixtures.compact(element)));
      return elements;
    }
    List<byte[]> chunks = new ArrayList<>();
    for (SseEvent event : sseEvents(body)) {
      if (event.data().length > 0) {
        chunks.add(event.data());
      }
    }
    return chunks;
  }

  /** SSE events as Switchyard's splitter cuts them from small uneven reads. */
  public static List<SseEvent> sseEvents(byte[] body) {
    List<SseEvent> events = new ArrayList<>();
    SseEventSplitter splitter = new SseEventSplitter(events::add);
    for (int at = 0, step = 1; at < body.length; at += step, step = step % 13 + 3) {
      splitter.feed(Buffer.buffer(Arrays.copyOfRange(body, at, Math.min(body.length, at + step))));
    }
    splitter.finish();
    return events;
  }

  private static void assertSurvives(JsonNode node, Function<String, String> sdkRoundTrip) {
    JsonNode again;
    try {
      again = Fixtures.JSON.readTree(sdkRoundTrip.apply(node.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(paths(again, "", new TreeSet<>())).as("fields the SDK kept of %s", node)
        .containsAll(paths(node, "", new TreeSet<>()));
  }

  private static Set<String> paths(JsonNode node, String prefix, Set<String> out) {
    if (node.isArray()) {
      node.forEach(element -> paths(element, prefix, out));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String path = prefix + "/" + field.getKey();
        out.add(path);
        if (!FREE_FORM.contains(field.getKey())) {
          paths(field.getValue(), path, out);
        }
      }
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
