package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.JsonBytes;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.OpenAiSpec;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.Sse;
import dev.switchyard.testing.UpstreamReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed chat completions: relayed event by event, metered through the usage chunk. */
class ChatStreamIT {
  private static final String UPSTREAM_MODEL = "gpt-4o-mini-2024-07-18";
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: openai
            kind: openai
            base_url: %s
            api_keys: ["%s"]
        models:
          - {name: gpt-4o-mini, targets: [{provider: openai, model: %s}]}
        """.formatted(upstream.baseUrl(), LeakGuard.newUpstreamKey(), UPSTREAM_MODEL));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void resetUpstream() {
    upstream.reset();
  }

  @Test
  void streamIsRelayedEventByEventUnchangedWhenTheClientAskedForUsage() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    upstream.enqueue(UpstreamReply.of(recorded));
    byte[] body = recorded.requestBytes();

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, body, Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("text/event-stream");
    assertThat(Sse.events(answer.body())).containsExactlyElementsOf(Sse.events(recorded.response().body()));
    assertThat(answer.body()).isEqualTo(recorded.response().body());
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.body()).isEqualTo(JsonBytes.renameModel(body, "gpt-4o-mini", UPSTREAM_MODEL));
    OpenAiSpec.assertChatRequest(received.body());
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.usage()).contains(usageChunkOf(recorded.response().body()));
    assertThat(record.stream()).isTrue();
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.COMPLETED);
  }

  /** The client's own stream_options, spliced into a recorded request that asked for no usage. */
  @ParameterizedTest
  @ValueSource(strings = {"", "null", "{}", "{\"include_usage\":false}", "{\"include_usage\":null}",
      "{\"include_obfuscation\":false}", "{ \"include_obfuscation\" : false , \"include_usage\" : false }"})
  void usageChunkIsHiddenFromAClientThatDidNotAskForItYetTheStreamIsMetered(String streamOptions) {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    upstream.enqueue(UpstreamReply.of(recorded));
    ObjectNode request = recorded.request().deepCopy();
    request.remove("stream_options");
    String body = new String(Fixtures.compact(request), StandardCharsets.UTF_8);
    if (!streamOptions.isEmpty()) {
      body = body.substring(0, body.length() - 1) + ",\"stream_options\":" + streamOptions + "}";
    }

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        body.getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(answer.status()).isEqualTo(200);
    List<String> expected = new ArrayList<>(Sse.events(recorded.response().body()));
    assertThat(expected.removeIf(event -> event.contains("\"choices\":[]"))).isTrue();
    assertThat(Sse.events(answer.body())).containsExactlyElementsOf(expected);
    assertThat(answer.text()).doesNotContain("\"prompt_tokens\"").endsWith("data: [DONE]\n\n");

    ReceivedRequest received = upstream.takeRequest();
    OpenAiSpec.assertChatRequest(received.body());
    JsonNode sent = received.json();
    assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    if (streamOptions.contains("include_obfuscation")) {
      assertThat(sent.at("/stream_options/include_obfuscation").isBoolean()).isTrue();
    }
    ObjectNode withoutOptions = ((ObjectNode) sent.deepCopy());
    withoutOptions.remove("stream_options");
    request.put("model", UPSTREAM_MODEL);
    assertThat(withoutOptions).isEqualTo(request);

    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.usage()).contains(usageChunkOf(recorded.response().body()));
  }

  @Test
  void sdkAccumulatesTheRecordedToolCallArgumentsAndGetsTheUsageItAskedFor() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-tool-call-stream").exchange(0);
    upstream.enqueue(UpstreamReply.of(recorded));
    assertThat(recorded.request().at("/stream_options/include_usage").asBoolean()).isTrue();

    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = gateway.openAi().chat().completions()
        .createStreaming(paramsOf(recorded.request()))) {
      chunks = stream.stream().toList();
    }

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    chunks.forEach(accumulator::accumulate);
    ChatCompletion completion = accumulator.chatCompletion();
    ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow()
        .get(0).asFunction();
    List<JsonNode> recordedChunks = chunksOf(recorded.response().body());
    StringBuilder arguments = new StringBuilder();
    for (JsonNode chunk : recordedChunks) {
      arguments.append(chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asText(""));
    }
    assertThat(call.function().arguments()).isEqualTo(arguments.toString()).isEqualTo("{\"country\":\"UK\"}");
    assertThat(call.function().name()).isEqualTo("get_capital");
    assertThat(call.id()).isEqualTo(recordedChunks.get(0).at("/choices/0/delta/tool_calls/0/id").asText());
    assertThat(chunks).hasSameSizeAs(recordedChunks);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().promptTokens())
        .isEqualTo(recordedChunks.get(recordedChunks.size() - 1).at("/usage/prompt_tokens").asLong());

    ReceivedRequest received = upstream.takeRequest();
    OpenAiSpec.assertChatRequest(received.body());
    assertThat(received.body()).isEqualTo(JsonBytes.renameModel(gateway.lastSdkRequestBody(), "gpt-4o-mini",
        UPSTREAM_MODEL));
  }

  @Test
  void sdkThatDidNotAskForUsageNeverSeesTheUsageChunkOfTheSecondTurn() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-tool-call-stream").exchange(1);
    upstream.enqueue(UpstreamReply.of(recorded));
    ObjectNode request = recorded.request().deepCopy();
    request.remove("stream_options");

    List<ChatCompletionChunk> chunks;
    HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = gateway.openAi().chat().completions()
        .withRawResponse().createStreaming(paramsOf(request));
    String requestId = raw.headers().values("x-request-id").get(0);
    try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
      chunks = stream.stream().toList();
    }

    List<JsonNode> recordedChunks = chunksOf(recorded.response().body());
    StringBuilder text = new StringBuilder();
    for (JsonNode chunk : recordedChunks) {
      text.append(chunk.at("/choices/0/delta/content").asText(""));
    }
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    chunks.forEach(accumulator::accumulate);
    assertThat(accumulator.chatCompletion().choices().get(0).message().content()).contains(text.toString());
    assertThat(chunks).hasSize(recordedChunks.size() - 1);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());

    ReceivedRequest received = upstream.takeRequest();
    OpenAiSpec.assertChatRequest(received.body());
    assertThat(received.json().at("/stream_options/include_usage").asBoolean()).isTrue();
    UsageRecord record = gateway.usage().await(requestId);
    assertThat(record.usage()).contains(usageChunkOf(recorded.response().body()));
  }

  @Test
  void upstreamBreakingOffMidStreamEndsTheClientStreamWithAnErrorEvent() {
    Fixtures.Exchange recorded = Fixtures.load("openai", "chat-text-stream-usage").first();
    List<String> events = Sse.events(recorded.response().body());
    int firstThree = String.join("", events.subList(0, 3)).getBytes(StandardCharsets.UTF_8).length;
    upstream.enqueue(UpstreamReply.of(recorded).closeAfter(firstThree));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, recorded.requestBytes(),
        Map.of());

    assertThat(answer.status()).isEqualTo(200);
    List<String> received = Sse.events(answer.body());
    assertThat(received).hasSize(4).startsWith(events.subList(0, 3).toArray(String[]::new));
    JsonNode error = chunksOf(answer.body()).get(3).path("error");
    assertThat(error.path("code").asText()).isEqualTo("stream_interrupted");
    assertThat(error.path("message").asText()).isNotBlank();
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.INTERRUPTED);
  }

  private static ChatCompletionCreateParams paramsOf(JsonNode recordedRequest) {
    try {
      ChatCompletionCreateParams.Body body = ObjectMappers.jsonMapper()
          .readValue(Fixtures.compact(recordedRequest), ChatCompletionCreateParams.Body.class);
      return ChatCompletionCreateParams.builder().body(body).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON chunks of a recorded stream, [DONE] left out. */
  private static List<JsonNode> chunksOf(byte[] sse) {
    List<JsonNode> chunks = new ArrayList<>();
    for (String data : Sse.data(sse)) {
      if (!data.equals("[DONE]")) {
        try {
          chunks.add(Fixtures.JSON.readTree(data));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return chunks;
  }

  /** The usage that the recorded stream's usage-only chunk reports. */
  private static Usage usageChunkOf(byte[] sse) {
    JsonNode usage = chunksOf(sse).stream().filter(c -> c.path("choices").isEmpty() && c.path("usage").isObject())
        .findFirst().orElseThrow().path("usage");
    return new Usage(usage.path("prompt_tokens").asLong(), usage.at("/prompt_tokens_details/cached_tokens").asLong(),
        0, usage.path("completion_tokens").asLong(), usage.at("/completion_tokens_details/reasoning_tokens").asLong());
  }
}
