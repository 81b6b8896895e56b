package dev.switchyard.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void plainTextIsUnchanged() {
    assertThat(LogText.of("/v1/chat/completions gpt-5 café")).isEqualTo("/v1/chat/completions gpt-5 café");
  }

  @Test
  void aClientCannotForgeALogLineOrSendTerminalEscapes() {
    assertThat(LogText.of("model\n12:00:00.000 INFO  Gateway - forged\u001b[31m"))
        .isEqualTo("model\\u000a12:00:00.000 INFO  Gateway - forged\\u001b[31m");
  }

  @Test
  void longTextIsCutAndSaysHowLongItWas() {
    String logged = LogText.of("x".repeat(100_000));

    assertThat(logged).hasSize(LogText.MAX_CHARS + "...(100000 chars)".length()).endsWith("...(100000 chars)");
  }
}
