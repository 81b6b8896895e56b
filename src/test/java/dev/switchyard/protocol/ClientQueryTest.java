package dev.switchyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientQueryTest {
  private static final Set<String> GEMINI = Set.of("alt");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "alt=sse|alt=sse",
      "key=sk-sy-secret&alt=sse|alt=sse",
      "k%65y=sk-sy-secret&alt=sse|alt=sse",
      "%6B%65%79=sk-sy-secret|''",
      "fields=candidates&alt=sse|alt=sse",
      "alt=sse&$alt=json|alt=sse",
      "a%6ct=sse|alt=sse",
      "alt=s%20e|alt=s+e",
      "alt=%zz&alt=sse|alt=sse",
      "%zz=1|''",
      "alt|alt",
      "''|''",
  })
  void onlyWhatTheProtocolNeedsIsForwardedAndNeverAKey(String query, String forwarded) {
    assertThat(ClientQuery.forwarded(query, GEMINI)).isEqualTo(forwarded);
  }

  @Test
  void valuesAreReadDecoded() {
    assertThat(ClientQuery.value("key=1&%61lt=%73se", "alt")).contains("sse");
    assertThat(ClientQuery.value("key=1", "alt")).isEmpty();
    assertThat(ClientQuery.value(null, "alt")).isEmpty();
  }
}
