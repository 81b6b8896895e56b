package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchyard.canonical.Usage;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.GeminiSdk;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI SDK clients on Gemini models: requests translated to generateContent and back. */
class OpenAiClientOnGeminiIT {
  private static final String UPSTREAM_KEY = LeakGuard.newUpstreamKey();
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start("""
        providers:
          - name: google
            kind: gemini
            base_url: http://127.0.0.1:%d
            api_keys: ["%s"]
        models:
          - {name: gemini-3.1-flash, targets: [{provider: google, model: gemini-3.1-flash}]}
          - {name: gemini-embed, targets: [{provider: google, model: gemini-embedding-2}]}
        routing:                # one try per target: what is tested here is each error as it came
          retry: {attempts: 1}
        """.formatted(upstream.port(), UPSTREAM_KEY));
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
  void aPlainAnswerComesBackInOpenAisShape() {
    upstream.enqueue(Fixtures.load("gemini", "generate-text"));

    ChatCompletion completion = gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gemini-3.1-flash")
        .addSystemMessage("You are a chatbot.")
        .addUserMessage("Hello!")
        .maxCompletionTokens(300)
        .temperature(0.2)
        .build());

    assertThat(completion.model()).isEqualTo("gemini-3.1-flash");
    assertThat(completion.choices().get(0).message().content()).contains("Hello! How can I help you today?");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(9);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(9 + 34);

    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-3.1-flash:generateContent");
    assertThat(received.header("x-goog-api-key")).isEqualTo(UPSTREAM_KEY);
    assertThat(received.header("authorization")).isNull();
    JsonNode sent = GeminiSdk.acceptedRequest(received.body());
    assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are a chatbot.");
    assertThat(sent.at("/contents/0/role").asText()).isEqualTo("user");
    assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("Hello!");
    assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(300);
    assertThat(sent.at("/generationConfig/temperature").asDouble()).isEqualTo(0.2);
  }

  @Test
  void aStreamArrivesAsChunksWithUsageWhenAsked() {
    upstream.enqueue(Fixtures.load("gemini", "stream-text-sse"));

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = gateway.openAi().chat().completions().createStreaming(
        ChatCompletionCreateParams.builder()
            .model("gemini-3.1-flash")
            .addUserMessage("What is the capital of France?")
            .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                .includeUsage(true).build())
            .build())) {
      stream.stream().forEach(accumulator::accumulate);
    }

    ChatCompletion completion = accumulator.chatCompletion();
    assertThat(completion.choices().get(0).message().content()).hasValue("The capital of France is Paris.\n");
    assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(13);
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(8);
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-3.1-flash:streamGenerateContent?alt=sse");
    GeminiSdk.acceptedRequest(received.body());
  }

  @Test
  void aToolCallRoundTripsWithAStableIdAndTheResultGoesBackAsAFunctionResponse() {
    Fixtures.Case recorded = Fixtures.load("gemini", "function-call");
    upstream.enqueue(recorded);
    ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
        .name("get_user_country")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty("properties", JsonValue.from(Map.of()))
            .build())
        .build()).build();
    ChatCompletionCreateParams first = ChatCompletionCreateParams.builder()
        .model("gemini-3.1-flash")
        .addUserMessage("What is the largest city in the user country?")
        .addTool(tool)
        .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.REQUIRED)
        .build();

    ChatCompletion completion = gateway.openAi().chat().completions().create(first);

    assertThat(completion.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls).hasSize(1);
    String id = calls.get(0).asFunction().id();
    assertThat(id).isNotBlank();
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_user_country");
    JsonNode sent = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    assertThat(sent.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_user_country");
    assertThat(sent.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");

    gateway.openAi().chat().completions().create(first.toBuilder()
        .addMessage(completion.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content("{\"return_value\":\"Mexico\"}")
            .build())
        .build());

    JsonNode second = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    JsonNode contents = second.path("contents");
    assertThat(contents).hasSize(3);
    assertThat(contents.at("/1/role").asText()).isEqualTo("model");
    assertThat(contents.at("/1/parts/0/functionCall/name").asText()).isEqualTo("get_user_country");
    assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("get_user_country");
    assertThat(contents.at("/2/parts/0/functionResponse/response/return_value").asText()).isEqualTo("Mexico");
  }

  @Test
  void aFunctionCallsThoughtSignatureComesBackOnTheNextTurnFromTheAssistantMessageAsSent() {
    // The recorded stream's first chunk is itself a complete answer: a function call with its signature.
    byte[] sse = Fixtures.load("gemini", "function-call-stream-thought-signature").exchange(0).response().body();
    String firstChunk = new String(sse, java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith("data: ")).findFirst().orElseThrow().substring("data: ".length());
    String signature = Fixtures.readJson(firstChunk).at("/candidates/0/content/parts/0/thoughtSignature").asText();
    upstream.enqueue(UpstreamReply.json(200, firstChunk));
    HttpResult first = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gemini-3.1-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Call the tool\"}]}");
    assertThat(first.status()).isEqualTo(200);
    upstream.takeRequest();
    JsonNode message = first.json().at("/choices/0/message");
    assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("get_country");
    String id = message.at("/tool_calls/0/id").asText();

    upstream.enqueue(Fixtures.load("gemini", "generate-text"));
    HttpResult second = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gemini-3.1-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Call the tool\"},"
            + message + ",{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"France\"}]}");

    assertThat(second.status()).isEqualTo(200);
    JsonNode sent = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    JsonNode call = sent.at("/contents/1/parts/0");
    assertThat(call.at("/functionCall/name").asText()).isEqualTo("get_country");
    assertThat(call.path("thoughtSignature").asText()).isEqualTo(signature);
    assertThat(sent.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_country");
  }

  @Test
  void aStreamedFunctionCallWorksOnTheNextTurnEvenWhenTheClientKeptNoSignature() {
    upstream.enqueue(UpstreamReply.of(Fixtures.load("gemini", "function-call-stream-thought-signature").exchange(0)));
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gemini-3.1-flash")
        .addUserMessage("What is the capital of the user country? Call the tool")
        .build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = gateway.openAi().chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletion completion = accumulator.chatCompletion();
    List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
    assertThat(calls.get(0).asFunction().function().name()).isEqualTo("get_country");
    assertThat(calls.get(0).asFunction().function().arguments()).isEqualTo("{}");
    upstream.takeRequest();

    upstream.enqueue(Fixtures.load("gemini", "generate-text"));
    gateway.openAi().chat().completions().create(params.toBuilder()
        .addMessage(completion.choices().get(0).message())
        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(calls.get(0).asFunction().id())
            .content("France").build())
        .build());

    JsonNode call = GeminiSdk.acceptedRequest(upstream.takeRequest().body()).at("/contents/1/parts/0");
    assertThat(call.at("/functionCall/name").asText()).isEqualTo("get_country");
    assertThat(call.path("thoughtSignature").asText()).isNotEmpty(); // the kept one, or Google's documented stand-in
  }

  @Test
  void structuredOutputBecomesAResponseSchema() {
    upstream.enqueue(Fixtures.load("gemini", "structured-output"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, """
        {"model":"gemini-3.1-flash","messages":[{"role":"user","content":"What is the largest city in Mexico?"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"CityLocation","strict":true,"schema":
           {"type":"object","properties":{"city":{"type":"string"},"country":{"type":"string"}},
            "required":["city","country"],"additionalProperties":false}}}}""");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/choices/0/message/content").asText()).contains("Mexico City");
    JsonNode sent = GeminiSdk.acceptedRequest(upstream.takeRequest().body());
    assertThat(sent.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
    assertThat(sent.at("/generationConfig").toString()).contains("city");
  }

  @Test
  void aToolSchemaGeminiCannotTakeIsA400NamingIt() {
    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, """
        {"model":"gemini-3.1-flash","messages":[{"role":"user","content":"hi"}],
         "tools":[{"type":"function","function":{"name":"tree","parameters":{"type":"object",
           "properties":{"node":{"$ref":"#/$defs/node"}},
           "$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}}}]}""");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.json().at("/error/message").asText()).contains("recursive");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void fieldsGeminiHasNoPlaceForAreNamedInTheDroppedFieldsHeader() {
    upstream.enqueue(Fixtures.load("gemini", "generate-text"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gemini-3.1-flash\",\"user\":\"u-1\",\"logit_bias\":{\"1\":5},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("x-switchyard-dropped-fields")).contains("logit_bias").contains("user");
  }

  @Test
  void cachedContentUsageIsMeteredAsCachedInputAndThoughtsAsReasoning() {
    upstream.enqueue(Fixtures.load("gemini", "cached-content-usage"));

    HttpResult answer = gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY,
        "{\"model\":\"gemini-3.1-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().at("/usage/prompt_tokens").asLong()).isEqualTo(3520);
    assertThat(answer.json().at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(3512);
    assertThat(answer.json().at("/usage/completion_tokens").asLong()).isEqualTo(2 + 42);
    assertThat(answer.json().at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(42);
    UsageRecord record = gateway.usage().await(answer.header("x-request-id"));
    Usage usage = record.usage().orElseThrow();
    assertThat(usage.inputTokens()).isEqualTo(3520);
    assertThat(usage.cachedInputTokens()).isEqualTo(3512);
    assertThat(usage.reasoningTokens()).isEqualTo(42);
  }

  @Test
  void geminiErrorsReachTheSdkAsOpenAiErrors() {
    upstream.enqueue(Fixtures.load("gemini", "error-404-model-not-found"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gemini-3.1-flash").addUserMessage("hi").build()))
        .isInstanceOf(NotFoundException.class);

    upstream.enqueue(Fixtures.load("gemini", "error-429-resource-exhausted"));
    assertThatThrownBy(() -> gateway.openAi().chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gemini-3.1-flash").addUserMessage("hi").build()))
        .isInstanceOf(RateLimitException.class);
  }

  @Test
  void embeddingsGoToBatchEmbedContentsWithTheDimensionsAsked() {
    upstream.enqueue(Fixtures.load("gemini", "embed-batch"));

    CreateEmbeddingResponse response = gateway.openAi().embeddings().create(EmbeddingCreateParams.builder()
        .model("gemini-embed")
        .inputOfArrayOfStrings(List.of("First text", "Second text"))
        .dimensions(768)
        .build());

    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(0).embedding()).hasSize(768);
    assertThat(response.data().get(1).index()).isEqualTo(1);
    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.path()).isEqualTo("/v1beta/models/gemini-embedding-2:batchEmbedContents");
    JsonNode sent = received.json();
    assertThat(sent.at("/requests/0/model").asText()).isEqualTo("models/gemini-embedding-2");
    assertThat(sent.at("/requests/1/content/parts/0/text").asText()).isEqualTo("Second text");
    assertThat(sent.at("/requests/0/outputDimensionality").asInt()).isEqualTo(768);
  }
}
