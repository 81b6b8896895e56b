package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Providers that refuse stream_options (Mistral) get the member removed, the rest byte-exact. */
class StreamOptionsRemovalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"model\":\"a\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}"
          + "|{\"model\":\"b\",\"stream\":true,\"messages\":[]}",
      "{\"model\":\"a\",\"messages\":[],\"stream\":true,\"stream_options\":null}"
          + "|{\"model\":\"b\",\"messages\":[],\"stream\":true}",
      "{\"stream_options\": {\"include_usage\": false} , \"model\":\"a\",\"messages\":[],\"stream\":true}"
          + "|{\"model\":\"b\",\"messages\":[],\"stream\":true}",
      "{ \"model\" : \"a\" , \"stream_options\" : {} , \"messages\" : [] }"
          + "|{ \"model\" : \"b\"  , \"messages\" : [] }",
      "{\"model\":\"a\",\"messages\":[1.50],\"stream\":true}"
          + "|{\"model\":\"b\",\"messages\":[1.50],\"stream\":true}",
  })
  void removesTheStreamOptionsMemberAndRenamesTheModel(String input, String expected) {
    OpenAiRequest request = parse(input.replace("[1.50]", "[{\"x\":1.50}]"));
    String actual = new String(request.forUpstreamWithoutStreamOptions("b"), StandardCharsets.UTF_8);
    assertThat(actual).isEqualTo(expected.replace("[1.50]", "[{\"x\":1.50}]"));
  }

  private static OpenAiRequest parse(String body) {
    return OpenAiRequestParser.parse(OpenAiEndpoint.CHAT_COMPLETIONS, body.getBytes(StandardCharsets.UTF_8));
  }
}
