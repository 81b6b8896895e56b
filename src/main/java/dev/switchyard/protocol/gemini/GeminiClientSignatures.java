package dev.switchyard.protocol.gemini;

import dev.switchyard.canonical.SignatureOrigin;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Thinking signatures on a Gemini client's wire. Gemini's own go out as they came. Another
 * provider's (a Gemini client on a Claude model) must still be base64 — Google's SDKs read
 * {@code thoughtSignature} as bytes, and may send it back in the URL-safe alphabet — so they go out
 * wrapped in a marked envelope, and come back unwrapped to the provider's own signature; anything
 * else a Gemini client sends is Gemini's.
 */
public final class GeminiClientSignatures {
  private static final byte[] ENVELOPE = "\0switchyard:signature\0".getBytes(StandardCharsets.UTF_8);

  private GeminiClientSignatures() {}

  /** The {@code thoughtSignature} a Gemini client gets for a canonical signature. */
  public static String toClient(String canonical) {
    return SignatureOrigin.gemini(canonical).orElseGet(() -> {
      byte[] signature = canonical.getBytes(StandardCharsets.UTF_8);
      byte[] wrapped = Arrays.copyOf(ENVELOPE, ENVELOPE.length + signature.length);
      System.arraycopy(signature, 0, wrapped, ENVELOPE.length, signature.length);
      return Base64.getEncoder().encodeToString(wrapped);
    });
  }

  /** The canonical signature for a {@code thoughtSignature} a Gemini client sent. */
  public static String fromClient(String wire) {
    byte[] bytes = decode(wire);
    if (bytes != null && bytes.length >= ENVELOPE.length
        && Arrays.equals(bytes, 0, ENVELOPE.length, ENVELOPE, 0, ENVELOPE.length)) {
      return new String(bytes, ENVELOPE.length, bytes.length - ENVELOPE.length, StandardCharsets.UTF_8);
    }
    return SignatureOrigin.fromGemini(wire);
  }

  private static byte[] decode(String wire) {
    try {
      return Base64.getDecoder().decode(wire);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(wire);
      } catch (IllegalArgumentException notUrlSafe) {
        return null;
      }
    }
  }
}
