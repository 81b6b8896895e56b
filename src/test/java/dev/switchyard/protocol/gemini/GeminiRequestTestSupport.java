package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.genai.types.Content;
import com.google.genai.types.GenerationConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.pipeline.GatewayException;
import dev.switchyard.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert;

/** Shared helpers of the Gemini request translation tests: fixtures, JSON, the official SDK's types. */
final class GeminiRequestTestSupport {
  /** Keys whose values are free-form JSON (arguments, responses, schemas): not checked against the SDK. */
  private static final Set<String> FREE_FORM = Set.of("args", "response", "responseJsonSchema", "properties",
      "example", "default");

  private GeminiRequestTestSupport() {}

  static Fixtures.Case fixture(String name) {
    return Fixtures.load("gemini", name);
  }

  static JsonNode json(byte[] bytes) {
    try {
      return Fixtures.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return json(utf8(text));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A canonical request with only items, tools aside; the rest at its defaults. */
  static ChatRequest chat(List<Item> items) {
    return new ChatRequest("m", items, List.of(), ToolChoice.AUTO, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 1, Optional.empty(),
        Optional.empty(), Optional.empty(), false);
  }

  static GatewayException rejection(ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(GatewayException.class);
    assertThat(((GatewayException) thrown).status()).isEqualTo(400);
    return (GatewayException) thrown;
  }

  /**
   * Reads each part of a request body with the official SDK's type and checks that every field
   * survives its round trip: a field the SDK does not know (a misspelt name) would vanish.
   */
  static void assertSdkAccepts(JsonNode body) {
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

  /**
   * The content with its thought signatures in standard base64: proto JSON (Gemini's server) takes
   * the URL-safe alphabet too, as the recordings show, but the Java SDK's Jackson reads only the
   * standard one.
   */
  private static JsonNode standardBase64(JsonNode content) {
    JsonNode copy = content.deepCopy();
    for (JsonNode part : copy.path("parts")) {
      if (part.has("thoughtSignature")) {
        ((ObjectNode) part).put("thoughtSignature",
            part.get("thoughtSignature").asText().replace('-', '+').replace('_', '/'));
      }
    }
    return copy;
  }

  private static void assertSurvives(JsonNode node, Function<String, String> sdkRoundTrip) {
    JsonNode again = json(sdkRoundTrip.apply(node.toString()));
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

  /** Equality of JSON values with numbers compared by value (0.0 written as a double or a decimal). */
  static boolean sameJson(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> {
      if (x.isNumber() && y.isNumber()) {
        return x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1;
      }
      return x.equals(y) ? 0 : 1;
    }, b);
  }

  static ObjectNode object(JsonNode node) {
    return (ObjectNode) node;
  }
}
