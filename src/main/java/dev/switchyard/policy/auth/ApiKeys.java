package dev.switchyard.policy.auth;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** Making, hashing and finding Switchyard keys. */
public final class ApiKeys {
  public static final String PREFIX = "sk-sy-";
  private static final SecureRandom RANDOM = new SecureRandom();
  // Looking a digest up costs more than using one: keep one per thread (event loops are few).
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private ApiKeys() {}

  /** A new secret: the prefix and 40 random base-62 characters (about 238 bits). */
  public static String generate() {
    StringBuilder key = new StringBuilder(PREFIX);
    for (int i = 0; i < 40; i++) {
      key.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return key.toString();
  }

  public static String newId() {
    StringBuilder id = new StringBuilder("key_");
    for (int i = 0; i < 16; i++) {
      id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  /** SHA-256, hex: keys are long random strings, so a fast hash is safe and keeps lookups cheap. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  static byte[] sha256(String key) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest.digest(key.getBytes(StandardCharsets.UTF_8));
  }


  /** A hint that lets a person recognise a key in a list without revealing it. */
  public static String hint(String key) {
    return key.substring(0, Math.min(key.length(), PREFIX.length() + 4)) + "..." + key.substring(Math.max(0, key.length() - 4));
  }

  /**
   * The key a request presents, in the places each SDK puts it: {@code Authorization: Bearer}
   * (OpenAI), {@code x-api-key} (Anthropic), {@code x-goog-api-key} or {@code ?key=} (Gemini).
   */
  public static Optional<String> presented(HttpServerRequest request) {
    String authorization = request.getHeader("authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).trim();
      if (!key.isEmpty()) {
        return Optional.of(key);
      }
    }
    for (String header : new String[] {"x-api-key", "x-goog-api-key"}) {
      String key = request.getHeader(header);
      if (key != null && !key.isBlank()) {
        return Optional.of(key.trim());
      }
    }
    String key = request.getParam("key");
    return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.trim());
  }
}
