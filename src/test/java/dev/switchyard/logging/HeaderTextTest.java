package dev.switchyard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {
  @Test
  void printableAsciiPassesAsItIs() {
    assertThat(HeaderText.of("openai/gpt-4o mini", 256)).isEqualTo("openai/gpt-4o mini");
  }

  @Test
  void anythingElseIsEscapedSoNoHeaderCanBeInjected() {
    assertThat(HeaderText.of("m\r\nx-evil: 1 caf\u00e9", 256)).isEqualTo("m\\u000d\\u000ax-evil: 1 caf\\u00e9");
  }

  @Test
  void longTextIsCut() {
    assertThat(HeaderText.of("x".repeat(1000), 10)).isEqualTo("xxxxxxxxxx...");
  }
}
