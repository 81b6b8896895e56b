package dev.switchyard.logging;

/**
 * Text a client wrote (a model name, a field name, an experiment's variant), made fit for a
 * response header: printable ASCII only (HTTP refuses control characters in a header, and mangles
 * what lies past Latin-1), anything else as a {@code \}{@code uXXXX} escape, and cut to a length.
 */
public final class HeaderText {
  private HeaderText() {}

  public static String of(String text, int maxChars) {
    boolean cut = text.length() > maxChars;
    String kept = cut ? text.substring(0, maxChars) : text;
    StringBuilder out = null;
    for (int i = 0; i < kept.length(); i++) {
      char c = kept.charAt(i);
      boolean printable = c >= 0x20 && c < 0x7f;
      if (!printable && out == null) {
        out = new StringBuilder(kept.length() + 16).append(kept, 0, i);
      }
      if (out != null) {
        out.append(printable ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
    }
    String safe = out == null ? kept : out.toString();
    return cut ? safe + "..." : safe;
  }
}
