package dev.switchyard.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A complete Messages request of Claude Code 2.1.328 on a model it does not know, captured from the
 * real CLI ({@code claude -p "Say hello"}) with machine-specific paths, ids and dates replaced: a
 * top-level system array, a {@code system} message inside {@code messages}, adaptive thinking with
 * its display omitted, {@code output_config.effort}, {@code context_management}, twelve tools (one
 * with {@code defer_loading}), {@code cache_control} marks and {@code metadata.user_id}, streamed.
 */
public final class ClaudeCodeCapture {
  private static final String RESOURCE = "/claude-code/messages-request-2.1.328.json";

  private ClaudeCodeCapture() {}

  /** The request as captured. */
  public static byte[] request() {
    try (InputStream in = ClaudeCodeCapture.class.getResourceAsStream(RESOURCE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request asking for {@code model}. */
  public static byte[] requestFor(String model) {
    try {
      ObjectNode body = (ObjectNode) Fixtures.JSON.readTree(request());
      body.put("model", model);
      return Fixtures.JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
