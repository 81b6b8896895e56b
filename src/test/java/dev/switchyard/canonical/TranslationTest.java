package dev.switchyard.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a translation reports as dropped is safe to put in a response header, whatever the client's keys. */
class TranslationTest {

  @Test
  void droppedNamesKeepPrintableAsciiAsTheyAre() {
    Translation<String> translation = new Translation<>("x", List.of("logit_bias", "messages[2].name", "a b~"));

    assertThat(translation.dropped()).containsExactly("logit_bias", "messages[2].name", "a b~");
  }

  @Test
  void controlAndNonAsciiCharactersInAClientsKeyAreEscaped() {
    Translation<String> translation = new Translation<>("x",
        List.of("stream\u0000", "a\r\nx-injected: 1", "\u00e9t\u00e9", "\ud83d\ude00", "tab\there", "del\u007f"));

    assertThat(translation.dropped()).containsExactly("stream\\u0000", "a\\u000d\\u000ax-injected: 1",
        "\\u00e9t\\u00e9", "\\ud83d\\ude00", "tab\\u0009here", "del\\u007f");
    // the gateway joins them into the x-switchyard-dropped-fields header, where HTTP allows no control character
    assertThat(String.join(", ", translation.dropped())).matches("[\\x20-\\x7e]*");
  }
}
