package dev.switchyard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteScanTest {
  private static final byte[] FINISH_REASON = bytes("\"finish_reason\"");
  private static final byte[] ERROR = bytes("\"error\"");

  @ParameterizedTest(name = "{0} has a string finish_reason: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"choices":[{"delta":{},"finish_reason":"stop"}]}                 | true
      {"choices":[{"delta":{},"finish_reason" :  "stop"}]}              | true
      {"choices":[{"delta":{"content":"a"},"finish_reason":null}]}      | false
      {"choices":[{"delta":{"content":"\\"finish_reason\\":\\"x\\""},"finish_reason":null}]} | false
      {"choices":[]}                                                     | false
      """)
  void aKeyCountsOnlyWithTheKindOfValueAsked(String json, boolean found) {
    assertThat(ByteScan.keyWithValue(bytes(json), FINISH_REASON, '"')).isEqualTo(found);
  }

  @ParameterizedTest(name = "{0} is an error event: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"error":{"message":"x"}}                  | true
        { "error" : {"message":"x"}}             | true
      {"id":"c1","error":{"message":"x"}}        | false
      {"id":"c1","content":"{\\"error\\":1}"}    | false
      "error"                                    | false
      """)
  void anErrorEventIsAnObjectThatOpensWithIt(String json, boolean error) {
    assertThat(ByteScan.startsWithKey(bytes(json), ERROR)).isEqualTo(error);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
