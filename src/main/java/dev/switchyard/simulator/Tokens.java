package dev.switchyard.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's stand-in for a tokenizer: a token is a word or a single punctuation mark, with
 * the spaces before it. Streams send one token per chunk and usage counts the same tokens, so
 * streamed and plain answers always agree.
 */
final class Tokens {
  // Either optional spaces then a word or one other character, or spaces left at the end.
  private static final Pattern TOKEN = Pattern.compile("\\s*(?:[\\p{L}\\p{N}_]+|[^\\s\\p{L}\\p{N}_])|\\s+");

  private Tokens() {}

  /** Splits {@code text} into tokens that concatenate back to exactly {@code text}. */
  static List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      tokens.add(matcher.group());
    }
    return tokens;
  }

  static int count(String text) {
    int count = 0;
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
