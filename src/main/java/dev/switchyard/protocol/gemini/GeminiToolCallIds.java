package dev.switchyard.protocol.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids for Gemini function calls that came without one (Gemini usually gives none, while OpenAI and
 * Anthropic clients need one to answer the call). The id is a function of the response, the
 * candidate and the call's position in it, so decoding the same answer streamed or whole gives the
 * same ids, and a retry of the decoding never invents new ones.
 */
public final class GeminiToolCallIds {
  private static final HexFormat HEX = HexFormat.of();

  private GeminiToolCallIds() {}

  /** {@code call_} and 24 hex digits of a SHA-256 over the response id, candidate and call index. */
  public static String synthesise(String responseId, int candidate, int callIndex) {
    byte[] digest = sha256(responseId + '/' + candidate + '/' + callIndex);
    return "call_" + HEX.formatHex(digest, 0, 12);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
