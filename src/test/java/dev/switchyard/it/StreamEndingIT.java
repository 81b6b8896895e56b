package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.Sse;
import dev.switchyard.testing.UpstreamReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a stream ends, for every client protocol on every provider protocol (passthrough and
 * translated): a stream whose answer finished but that closed without its sentinel (several
 * servers do) completes normally; one that ends or breaks off before its finish ends with the
 * client protocol's error event and is metered as interrupted.
 */
class StreamEndingIT {
  private static FakeUpstream openAi;
  private static FakeUpstream anthropic;
  private static FakeUpstream gemini;
  private static GatewayHarness gateway;

  /** An OpenAI-compatible stream up to its finish and usage, without {@code data: [DONE]}. */
  private static final String OPENAI_WITHOUT_DONE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)
      + chunk("{\"content\":\"Hello\"}", null)
      + chunk("{}", "\"stop\"")
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],"
      + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n";
  private static final String OPENAI_BEFORE_FINISH = chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)
      + chunk("{\"content\":\"Hel\"}", null);

  /** An Anthropic stream up to its {@code message_delta}, without {@code message_stop}. */
  private static final String ANTHROPIC_WITHOUT_STOP = event("message_start", "{\"type\":\"message_start\","
      + "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],"
      + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}")
      + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
      + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
      + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
      + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}")
      + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
      + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
      + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":1}}");
  private static final String ANTHROPIC_BEFORE_FINISH =
      ANTHROPIC_WITHOUT_STOP.substring(0, ANTHROPIC_WITHOUT_STOP.indexOf("event: content_block_stop"));

  /** A Gemini stream: no sentinel at all, the finish reason ends it. */
  private static final String GEMINI_FINISHED = geminiChunk("Hello", null,
      "{\"promptTokenCount\":5,\"totalTokenCount\":5}")
      + geminiChunk("", "STOP", "{\"promptTokenCount\":5,\"candidatesTokenCount\":1,\"totalTokenCount\":6}");
  private static final String GEMINI_BEFORE_FINISH = geminiChunk("Hel", null,
      "{\"promptTokenCount\":5,\"totalTokenCount\":5}");

  /** The three ways a stream can end. */
  enum Ending { FINISHED_WITHOUT_SENTINEL, ENDED_BEFORE_FINISH, BROKE_OFF_BEFORE_FINISH }

  /** The client protocols, each with how it asks for a stream and how its error event looks. */
  enum Client { OPENAI, ANTHROPIC, GEMINI }

  /** The provider protocols, each with its model on the gateway. */
  enum Provider { OPENAI_COMPATIBLE, ANTHROPIC, GEMINI }

  @BeforeAll
  static void start() {
    openAi = FakeUpstream.start();
    anthropic = FakeUpstream.start();
    gemini = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - {name: compatible, kind: openai-compatible, base_url: "http://127.0.0.1:%d/v1", api_keys: ["sk-a"]}
          - {name: claude, kind: anthropic, base_url: "http://127.0.0.1:%d", api_keys: ["sk-b"]}
          - {name: google, kind: gemini, base_url: "http://127.0.0.1:%d", api_keys: ["sk-c"]}
        models:
          - {name: on-openai-compatible, targets: [{provider: compatible, model: m}]}
          - {name: on-anthropic, targets: [{provider: claude, model: claude-sonnet-4-6}]}
          - {name: on-gemini, targets: [{provider: google, model: gemini-2.5-flash}]}
        """.formatted(openAi.port(), anthropic.port(), gemini.port()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    openAi.close();
    anthropic.close();
    gemini.close();
  }

  @BeforeEach
  void reset() {
    openAi.reset();
    anthropic.reset();
    gemini.reset();
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Client client : Client.values()) {
      for (Provider provider : Provider.values()) {
        for (Ending ending : Ending.values()) {
          if (!(provider == Provider.GEMINI && ending == Ending.FINISHED_WITHOUT_SENTINEL)) {
            cases.add(Arguments.of(client, provider, ending));
          }
        }
      }
    }
    cases.add(Arguments.of(Client.OPENAI, Provider.GEMINI, null)); // Gemini's stream: finished is complete
    cases.add(Arguments.of(Client.ANTHROPIC, Provider.GEMINI, null));
    cases.add(Arguments.of(Client.GEMINI, Provider.GEMINI, null));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} client, {1} provider, {2}")
  @MethodSource("cases")
  void aStreamEndsAsItsAnswerDid(Client client, Provider provider, Ending ending) {
    boolean whole = ending == null || ending == Ending.FINISHED_WITHOUT_SENTINEL;
    upstream(provider).enqueue(reply(provider, ending));

    HttpResult answer = gateway.post(path(client, provider), GatewayHarness.MASTER_KEY,
        body(client, provider).getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(answer.status()).isEqualTo(200);
    List<String> data = Sse.data(answer.body());
    assertThat(data).as("the client's stream").isNotEmpty();
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    if (whole) {
      assertThat(data).noneMatch(StreamEndingIT::isErrorEvent);
      assertThat(String.join("", data)).contains("Hello");
      assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
      assertThat(record.usage()).hasValueSatisfying(usage -> assertThat(usage.inputTokens()).isEqualTo(5));
    } else {
      assertThat(data.getLast()).as("the last event is the client protocol's error").satisfies(last ->
          assertThat(isErrorEvent(last)).isTrue());
      assertThat(errorShapeOf(client, data.getLast())).isTrue();
      assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.INTERRUPTED);
    }
  }

  private static FakeUpstream upstream(Provider provider) {
    return switch (provider) {
      case OPENAI_COMPATIBLE -> openAi;
      case ANTHROPIC -> anthropic;
      case GEMINI -> gemini;
    };
  }

  private static UpstreamReply reply(Provider provider, Ending ending) {
    String finished = switch (provider) {
      case OPENAI_COMPATIBLE -> OPENAI_WITHOUT_DONE;
      case ANTHROPIC -> ANTHROPIC_WITHOUT_STOP;
      case GEMINI -> GEMINI_FINISHED;
    };
    String unfinished = switch (provider) {
      case OPENAI_COMPATIBLE -> OPENAI_BEFORE_FINISH;
      case ANTHROPIC -> ANTHROPIC_BEFORE_FINISH;
      case GEMINI -> GEMINI_BEFORE_FINISH;
    };
    if (ending == null || ending == Ending.FINISHED_WITHOUT_SENTINEL) {
      return UpstreamReply.sse(finished);
    }
    if (ending == Ending.ENDED_BEFORE_FINISH) {
      return UpstreamReply.sse(unfinished);
    }
    return UpstreamReply.sse(finished).closeAfter(unfinished.getBytes(StandardCharsets.UTF_8).length);
  }

  private static String model(Provider provider) {
    return switch (provider) {
      case OPENAI_COMPATIBLE -> "on-openai-compatible";
      case ANTHROPIC -> "on-anthropic";
      case GEMINI -> "on-gemini";
    };
  }

  private static String path(Client client, Provider provider) {
    return switch (client) {
      case OPENAI -> "/v1/chat/completions";
      case ANTHROPIC -> "/anthropic/v1/messages";
      case GEMINI -> "/gemini/v1beta/models/" + model(provider) + ":streamGenerateContent?alt=sse";
    };
  }

  private static String body(Client client, Provider provider) {
    return switch (client) {
      case OPENAI -> "{\"model\":\"" + model(provider) + "\",\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
      case ANTHROPIC -> "{\"model\":\"" + model(provider) + "\",\"stream\":true,\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
      case GEMINI -> "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello\"}]}]}";
    };
  }

  private static boolean isErrorEvent(String data) {
    if (data.equals("[DONE]")) {
      return false;
    }
    JsonNode json = Fixtures.readJson(data);
    return json.path("error").isObject();
  }

  /** OpenAI: an error object with a message; Anthropic: {"type":"error"}; Gemini: an error with its code. */
  private static boolean errorShapeOf(Client client, String data) {
    JsonNode json = Fixtures.readJson(data);
    return switch (client) {
      case OPENAI -> json.path("error").path("message").isTextual() && json.path("error").has("type");
      case ANTHROPIC -> json.path("type").asText().equals("error") && json.path("error").path("type").isTextual();
      case GEMINI -> json.path("error").path("code").asInt() == 502 && json.path("error").path("status").isTextual();
    };
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{"
        + "\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}\n\n";
  }

  private static String event(String type, String json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
  }

  private static String geminiChunk(String text, String finishReason, String usage) {
    return "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
        + (finishReason == null ? "" : "\"finishReason\":\"" + finishReason + "\",") + "\"index\":0}],"
        + "\"usageMetadata\":" + usage + ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}\r\n\r\n";
  }
}
