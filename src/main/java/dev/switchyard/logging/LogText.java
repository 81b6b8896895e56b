package dev.switchyard.logging;

/**
 * Text a client wrote (a path, a model name, a URL, an error quoting them), made safe to log: one
 * line whatever it holds, no terminal escape sequences, and not longer than a log line should be.
 */
public final class LogText {
  /** Longer client text is cut: it is there to recognise the request, not to store it. */
  public static final int MAX_CHARS = 300;

  private LogText() {}

  public static String of(Object clientText) {
    String text = String.valueOf(clientText);
    int end = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean plain = c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && c != '\u2028' && c != '\u2029';
      if (!plain && out == null) {
        out = new StringBuilder(end + 16).append(text, 0, i);
      }
      if (out != null) {
        if (plain) {
          out.append(c);
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    String safe = out == null ? text.substring(0, end) : out.toString();
    return text.length() > end ? safe + "...(" + text.length() + " chars)" : safe;
  }
}
