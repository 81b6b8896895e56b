package dev.switchyard.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DroppedHeaderTest {
  @Test
  void namesPastTheLimitAreCountedNotListed() {
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      dropped.add("f" + i);
    }

    String header = TranslatedAnswers.droppedHeader(new LinkedHashSet<>(dropped), 3);

    assertThat(header).isEqualTo("f0, f1, f2, (9997 more)");
  }

  @Test
  void clientTextCannotBreakTheHeader() {
    String header = TranslatedAnswers.droppedHeader(List.of("a\r\nx-evil: 1", "caf\u00e9", "x".repeat(5000)), 64);

    assertThat(header).doesNotContain("\r").doesNotContain("\n")
        .startsWith("a\\u000d\\u000ax-evil: 1, caf\\u00e9, xxx").hasSizeLessThan(400);
    assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  @Test
  void noLimitOfZeroListsOnlyTheCount() {
    assertThat(TranslatedAnswers.droppedHeader(List.of("a", "b"), 0)).isEqualTo("(2 more)");
  }
}
