package dev.switchyard.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where a template holds the model's JSON literal. */
  private static final String MODEL = "@MODEL@";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static OpenAiRequest chat(String body) {
    return OpenAiRequestParser.parse(OpenAiEndpoint.CHAT_COMPLETIONS, utf8(body));
  }

  private static GatewayException refusal(OpenAiEndpoint endpoint, String body) {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> OpenAiRequestParser.parse(endpoint, utf8(body)));
    assertThat(e).as("refusal of %s", body).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    return e;
  }

  /** Bodies in many shapes; {@value #MODEL} marks the model value, the only bytes that may change. */
  static Stream<String> templates() {
    return Stream.of(
        "{\"model\":@MODEL@,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":1.0,\"model\":@MODEL@}",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":@MODEL@,\"max_tokens\":100}",
        "{\"model\":@MODEL@,\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"h\u00e9llo \u4e16\u754c \ud83d\ude80 \\\"quoted\\\" \\\\ \\/ \\n\\t \\u00e9 \\ud83d\\ude80\"}]}",
        "{\"temperature\":1.0,\"top_p\":1e3,\"seed\":123456789012345678901234567890,"
            + "\"presence_penalty\":-0.0,\"x\":1.5E-10,\"y\":-12,\"model\":@MODEL@,\"messages\":[]}",
        "{\"model\":@MODEL@,\"messages\":[],\"metadata\":{\"a\":{\"b\":[1,{\"c\":null}]}},"
            + "\"x_custom\":{\"deep\":[[[]]],\"t\":true,\"f\":false}}",
        "{\n  \"messages\" : [\n    {\"role\": \"user\", \"content\": \"hi\"}\n  ],\n"
            + "\t\"model\" :  @MODEL@ ,\n  \"stream\": false\r\n}\n",
        "  \n{\"model\":@MODEL@,\"messages\":[]}\n  ",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"model\\\": \\\"x\\\"\",\"model\":\"nested\"}],"
            + "\"model\":@MODEL@}",
        "{\"model\":@MODEL@,\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
        "{\"mod\\u0065l\":@MODEL@,\"messages\":[]}");
  }

  static Stream<Arguments> bodiesAndRenames() {
    List<Arguments> cases = new ArrayList<>();
    templates().forEach(template -> {
      cases.add(Arguments.of(template, "\"gpt-4o\"", "gpt-4o-2024-08-06", "\"gpt-4o-2024-08-06\""));
      cases.add(Arguments.of(template, "\"gpt\\u002d4o\"", "x", "\"x\""));
      cases.add(Arguments.of(template, "\"openai/gpt-5.4\"", "gpt-5.4", "\"gpt-5.4\""));
      cases.add(Arguments.of(template, "\"m\"", "a\"b\\c", "\"a\\\"b\\\\c\""));
      cases.add(Arguments.of(template, "\"m\"", "mod\u00e8le-\u65e5\u672c", "\"mod\u00e8le-\u65e5\u672c\""));
      cases.add(Arguments.of(template, "\"m\"", "tab\there", "\"tab\\there\""));
    });
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {1} -> {2}")
  @MethodSource("bodiesAndRenames")
  void upstreamBodyIsTheClientBodyWithOnlyTheModelValueReplaced(String template, String clientLiteral,
      String upstreamModel, String upstreamLiteral) {
    byte[] client = utf8(template.replace(MODEL, clientLiteral));
    byte[] expected = utf8(template.replace(MODEL, upstreamLiteral));

    OpenAiRequest request = chat(text(client));
    byte[] upstream = request.forUpstream(upstreamModel, false);

    assertThat(text(upstream)).isEqualTo(text(expected));
    assertThat(upstream).isEqualTo(expected);
    assertThat(request.body()).isEqualTo(client);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\"b", "back\\slash", "mod\u00e8le-\u65e5\u672c", "emoji-\ud83d\ude80", "ctl\u0001\n",
      "</script>"})
  void modelNamesNeedingEscapingReachUpstreamIntact(String upstreamModel) throws Exception {
    byte[] upstream = chat("{\"model\":\"m\",\"messages\":[]}").forUpstream(upstreamModel, false);

    assertThat(JSON.readTree(upstream).get("model").asText()).isEqualTo(upstreamModel);
  }

  @Test
  void modelIsReadWithItsEscapesDecoded() {
    assertThat(chat("{\"model\":\"gpt\\u002d4o \\\"x\\\"\",\"messages\":[]}").model()).isEqualTo("gpt-4o \"x\"");
  }

  @Test
  void streamFlagIsRead() {
    assertThat(chat("{\"model\":\"m\",\"messages\":[],\"stream\":true}").stream()).isTrue();
    assertThat(chat("{\"model\":\"m\",\"messages\":[],\"stream\":false}").stream()).isFalse();
    assertThat(chat("{\"model\":\"m\",\"messages\":[],\"stream\":null}").stream()).isFalse();
    assertThat(chat("{\"model\":\"m\",\"messages\":[]}").stream()).isFalse();
  }

  @Nested
  class StreamUsage {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        no stream_options               | {"model":"m","messages":[],"stream":true}                                         | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage":true}}
        stream_options null             | {"model":"m","stream_options":null,"messages":[],"stream":true}                   | {"model":"u","stream_options":{"include_usage":true},"messages":[],"stream":true}
        empty stream_options            | {"model":"m","messages":[],"stream":true,"stream_options":{}}                     | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage":true}}
        empty with space                | {"model":"m","messages":[],"stream":true,"stream_options":{ }}                    | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage":true }}
        other option                    | {"model":"m","messages":[],"stream":true,"stream_options":{"other":1}}            | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage":true,"other":1}}
        include_usage false             | {"model":"m","messages":[],"stream":true,"stream_options":{"include_usage": false}} | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage": true}}
        include_usage null              | {"model":"m","messages":[],"stream":true,"stream_options":{"a":[1],"include_usage":null,"b":2}} | {"model":"u","messages":[],"stream":true,"stream_options":{"a":[1],"include_usage":true,"b":2}}
        already true                    | {"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}} | {"model":"u","messages":[],"stream":true,"stream_options":{"include_usage":true}}
        stream_options before model     | {"stream_options":{"x":{}},"stream":true,"model":"m","messages":[]}               | {"stream_options":{"include_usage":true,"x":{}},"stream":true,"model":"u","messages":[]}
        null before model               | {"stream":true,"stream_options" : null ,"model":"m","messages":[]}                | {"stream":true,"stream_options" : {"include_usage":true} ,"model":"u","messages":[]}
        absent, pretty-printed          | `{\n  "model": "m",\n  "messages": [],\n  "stream": true\n}\n`                      | `{\n  "model": "u",\n  "messages": [],\n  "stream": true\n,"stream_options":{"include_usage":true}}\n`
        stream false                    | {"model":"m","messages":[],"stream":false,"stream_options":{}}                    | {"model":"u","messages":[],"stream":false,"stream_options":{}}
        no stream                       | {"model":"m","messages":[]}                                                       | {"model":"u","messages":[]}
        """)
    void usageIsRequestedForEveryStreamShape(String shape, String client, String expected) throws Exception {
      String body = client.replace("\\n", "\n");
      String want = expected.replace("\\n", "\n");

      byte[] upstream = chat(body).forUpstream("u", true);

      assertThat(text(upstream)).isEqualTo(want);
      assertThat(JSON.readTree(upstream)).isEqualTo(expectedTree(body, "u", true));
    }

    /** The client's content, model renamed, with include_usage on when it is a stream. */
    private static JsonNode expectedTree(String client, String model, boolean askForUsage) throws Exception {
      ObjectNode tree = (ObjectNode) JSON.readTree(client);
      tree.put("model", model);
      if (askForUsage && tree.path("stream").asBoolean(false)) {
        JsonNode options = tree.get("stream_options");
        ObjectNode object = options instanceof ObjectNode o ? o : JSON.createObjectNode();
        object.put("include_usage", true);
        tree.set("stream_options", object);
      }
      return tree;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\",\"messages\":[],\"stream\":true}",
        "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{}}",
        "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false}}",
        "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":null}"})
    void noUsageIsRequestedWhenNotAskedFor(String client) {
      assertThat(text(chat(client).forUpstream("u", false))).isEqualTo(client.replace("\"m\"", "\"u\""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}  | true
        {"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":false}} | false
        {"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":null}}  | false
        {"model":"m","messages":[],"stream":true,"stream_options":{}}                      | false
        {"model":"m","messages":[],"stream":true,"stream_options":null}                    | false
        {"model":"m","messages":[],"stream":true}                                          | false
        {"model":"m","messages":[],"stream":false,"stream_options":{"include_usage":true}} | false
        {"model":"m","messages":[],"stream_options":{"include_usage":true}}                | false
        """)
    void clientWantsStreamUsageOnlyWhenItStreamsAndAskedForIt(String client, boolean wanted) {
      assertThat(chat(client).clientWantsStreamUsage()).isEqualTo(wanted);
    }
  }

  @Nested
  class Refusals {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NONE", textBlock = """
        []                                                         | NONE        | The request body must be a JSON object.
        "text"                                                     | NONE        | The request body must be a JSON object.
        42                                                         | NONE        | The request body must be a JSON object.
        ``                                                         | NONE        | The request body must be a JSON object.
        {"model":"m",                                              | NONE        | The request body is not valid JSON
        {"model":"m" "messages":[]}                                | NONE        | The request body is not valid JSON
        {"model":"m","messages":[{]}                               | NONE        | The request body is not valid JSON
        {"model":"m","messages":[]} x                              | NONE        | The request body is not valid JSON
        {"model":"m","messages":[]}{}                              | NONE        | The request body holds more than one JSON value.
        {"model":"a","messages":[],"model":"b"}                    | model       | The field 'model' appears more than once.
        {"model":"a","messages":[],"stream":true,"stream":false}   | stream      | The field 'stream' appears more than once.
        {"messages":[]}                                            | model       | Missing required parameter: 'model'.
        {"model":"m"}                                              | messages    | Missing required parameter: 'messages'.
        {"model":"","messages":[]}                                 | model       | The 'model' parameter must name a model.
        {"model":"  ","messages":[]}                               | model       | The 'model' parameter must name a model.
        {"model":null,"messages":[]}                               | model       | Invalid type for 'model': expected a string, but got null.
        {"model":42,"messages":[]}                                 | model       | Invalid type for 'model': expected a string, but got an integer.
        {"model":"m","messages":null}                              | messages    | Invalid type for 'messages': expected an array of objects, but got null.
        {"model":"m","messages":{}}                                | messages    | Invalid type for 'messages': expected an array of objects, but got an object.
        {"model":"m","messages":[{},"hi"]}                         | messages[1] | Invalid type for 'messages[1]': expected an object, but got a string.
        {"model":"m","messages":[],"stream":"true"}                | stream      | Invalid type for 'stream': expected a boolean, but got a string.
        {"model":"m","messages":[],"temperature":"hot"}            | temperature | Invalid type for 'temperature': expected a number, but got a string.
        {"model":"m","messages":[],"max_tokens":1.5}               | max_tokens  | Invalid type for 'max_tokens': expected an integer, but got a number.
        {"model":"m","messages":[],"n":2.0}                        | n           | Invalid type for 'n': expected an integer, but got a number.
        {"model":"m","messages":[],"stream_options":true}          | stream_options | Invalid type for 'stream_options': expected an object, but got a boolean.
        {"model":"m","messages":[],"stream_options":{"include_usage":"yes"}} | stream_options.include_usage | Invalid type for 'stream_options.include_usage': expected a boolean.
        {"model":"m","messages":[],"tools":[[]]}                   | tools[0]    | Invalid type for 'tools[0]': expected an object, but got an array.
        {"model":"m","messages":[],"functions":{"type":"image"}}   | functions   | Invalid type for 'functions': expected an array of objects, but got an object.
        {"model":"m","messages":[],"functions":["f"]}              | functions[0] | Invalid type for 'functions[0]': expected an object, but got a string.
        {"model":"m","messages":[],"stop":5}                       | stop        | Invalid type for 'stop': expected a string or an array, but got an integer.
        {"model":"m","messages":[],"tool_choice":[]}               | tool_choice | Invalid type for 'tool_choice': expected a string or an object, but got an array.
        """)
    void chatBodiesThatCannotBeServedAreRefused(String body, String param, String message) {
      GatewayException e = refusal(OpenAiEndpoint.CHAT_COMPLETIONS, body);

      assertThat(e.param()).isEqualTo(java.util.Optional.ofNullable(param));
      assertThat(e.getMessage()).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"model":"m"}                                     | input      | Missing required parameter: 'input'.
        {"model":"m","input":5}                           | input      | Invalid type for 'input': expected a string or an array, but got an integer.
        {"model":"m","input":"x","dimensions":"64"}       | dimensions | Invalid type for 'dimensions': expected an integer, but got a string.
        {"model":"m","input":"x","encoding_format":1}     | encoding_format | Invalid type for 'encoding_format': expected a string, but got an integer.
        """)
    void embeddingBodiesThatCannotBeServedAreRefused(String body, String param, String message) {
      GatewayException e = refusal(OpenAiEndpoint.EMBEDDINGS, body);

      assertThat(e.param()).contains(param);
      assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void malformedJsonMessageSaysWhere() {
      assertThat(refusal(OpenAiEndpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[}").getMessage())
          .startsWith("The request body is not valid JSON: ")
          .contains("(at byte ");
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
      String deep = "[".repeat(500) + "]".repeat(500);

      refusal(OpenAiEndpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[],\"x\":" + deep + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"})
    void bodyThatIsNotUtf8IsRefused(String charset) {
      byte[] body = "{\"model\":\"m\",\"messages\":[],\"stream\":true}"
          .getBytes(java.nio.charset.Charset.forName(charset));

      GatewayException e = catchThrowableOfType(GatewayException.class,
          () -> OpenAiRequestParser.parse(OpenAiEndpoint.CHAT_COMPLETIONS, body).forUpstream("u", true));

      assertThat(e).isNotNull();
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).isEqualTo("The request body must be JSON encoded as UTF-8.");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "seed", "stream",
      "stream_options", "tools", "tool_choice", "stop", "user", "metadata", "response_format", "logprobs",
      "reasoning_effort", "logit_bias", "parallel_tool_calls"})
  void nullIsAcceptedForOptionalFields(String field) {
    String body = "{\"model\":\"m\",\"messages\":[],\"" + field + "\":null}";

    assertThatCode(() -> chat(body)).doesNotThrowAnyException();
    assertThat(text(chat(body).forUpstream("m", true))).isEqualTo(body);
  }

  @Test
  void utf8ByteOrderMarkIsKeptAndTheModelStillRenamed() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = utf8("{\"model\":\"m\",\"messages\":[]}");
    byte[] client = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, client, 0, bom.length);
    System.arraycopy(body, 0, client, bom.length, body.length);

    byte[] upstream = OpenAiRequestParser.parse(OpenAiEndpoint.CHAT_COMPLETIONS, client).forUpstream("u", false);

    assertThat(text(upstream)).isEqualTo(text(client).replace("\"m\"", "\"u\""));
  }

  @Test
  void embeddingsBodyIsRenamedByteForByte() {
    String body = "{\"input\":[\"a\",\"b\"],\"model\":\"text-embedding-3-small\",\"encoding_format\":\"base64\","
        + "\"dimensions\":128}";

    OpenAiRequest request = OpenAiRequestParser.parse(OpenAiEndpoint.EMBEDDINGS, utf8(body));

    assertThat(request.model()).isEqualTo("text-embedding-3-small");
    assertThat(request.stream()).isFalse();
    assertThat(text(request.forUpstream("emb", true))).isEqualTo(body.replace("text-embedding-3-small", "emb"));
  }

  @Test
  void fixtureRequestsParseAndRenameExactly() throws Exception {
    for (String fixture : List.of("openai/chat-text.json", "openai/chat-json-schema.json",
        "openai/chat-tool-calls-multi-turn.json", "openai/chat-reasoning-tokens.json")) {
      for (JsonNode exchange : dev.switchyard.SharedFixtures.json(fixture).get("exchanges")) {
        byte[] client = JSON.writeValueAsBytes(exchange.get("request").get("body"));
        OpenAiRequest request = chat(text(client));
        String model = exchange.get("request").get("body").get("model").asText();

        String quoted = "\"model\":" + JSON.writeValueAsString(model);
        assertThat(text(request.forUpstream("renamed", false)))
            .as(fixture).isEqualTo(text(client).replace(quoted, "\"model\":\"renamed\""));
      }
    }
  }
}
