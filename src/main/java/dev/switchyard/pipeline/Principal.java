package dev.switchyard.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Who is calling: the master key or a virtual key, and which models it may use.
 *
 * @param keyId the virtual key's id, or {@code master}
 * @param modelPatterns glob patterns ({@code *} matches anything); empty allows every model
 * @param metadata the key's metadata, its values as text (for routing rules)
 */
public record Principal(String keyId, String name, List<String> modelPatterns, boolean master,
    Map<String, String> metadata) {
  public static final Principal MASTER = new Principal("master", "master key", List.of(), true);

  public Principal {
    modelPatterns = List.copyOf(modelPatterns);
    metadata = Map.copyOf(metadata);
  }

  public Principal(String keyId, String name, List<String> modelPatterns, boolean master) {
    this(keyId, name, modelPatterns, master, Map.of());
  }

  public boolean mayUse(String model) {
    if (modelPatterns.isEmpty()) {
      return true;
    }
    for (String pattern : modelPatterns) {
      if (Glob.matches(pattern, model)) {
        return true;
      }
    }
    return false;
  }

  /** Shell-style matching with {@code *} only: enough for model allow-lists. */
  static final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String text) {
      int p = 0;
      int t = 0;
      int star = -1;
      int mark = 0;
      while (t < text.length()) {
        if (p < pattern.length() && pattern.charAt(p) == '*') {
          star = p++;
          mark = t;
        } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
          p++;
          t++;
        } else if (star >= 0) {
          p = star + 1;
          t = ++mark;
        } else {
          return false;
        }
      }
      while (p < pattern.length() && pattern.charAt(p) == '*') {
        p++;
      }
      return p == pattern.length();
    }
  }
}
