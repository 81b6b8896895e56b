package dev.switchyard.protocol.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.error.GatewayException;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GeminiSdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;

/** Shared helpers of the Gemini request translation tests: fixtures, JSON, the official SDK's types. */
final class GeminiRequestTestSupport {
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
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), 1, Optional.empty(),
        Optional.empty(), Optional.empty(), false);
  }

  static GatewayException rejection(ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(GatewayException.class);
    assertThat(((GatewayException) thrown).status()).isEqualTo(400);
    return (GatewayException) thrown;
  }

  /** Reads each part of a request body with the official SDK's type (see {@link GeminiSdk}). */
  static void assertSdkAccepts(JsonNode body) {
    GeminiSdk.assertRequestAccepted(body);
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
