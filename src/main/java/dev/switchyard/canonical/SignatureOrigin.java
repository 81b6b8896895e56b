package dev.switchyard.canonical;

import java.util.Optional;

/**
 * Which provider made a thinking signature, kept in the canonical signature string itself so it
 * survives the round trip through any client: a provider accepts only its own signatures back, so
 * a conversation that moves between providers (a model switch, a cross-protocol failover) must not
 * hand one provider's signatures to another. Gemini's carry the {@value #GEMINI} mark; unmarked
 * ones are Anthropic's (or of unknown origin, as from before marking), as they always were.
 */
public final class SignatureOrigin {
  /** The mark on a Gemini thought signature in canonical form (and as non-Gemini clients see it). */
  public static final String GEMINI = "gemini:";

  private SignatureOrigin() {}

  /** A signature Gemini made, marked. */
  public static String fromGemini(String raw) {
    return raw.startsWith(GEMINI) ? raw : GEMINI + raw;
  }

  /** Gemini's own signature, when {@code canonical} is one. */
  public static Optional<String> gemini(String canonical) {
    return canonical.startsWith(GEMINI) ? Optional.of(canonical.substring(GEMINI.length())) : Optional.empty();
  }

  public static boolean isGemini(String canonical) {
    return canonical.startsWith(GEMINI);
  }
}
