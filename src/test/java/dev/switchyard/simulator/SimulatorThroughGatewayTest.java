package dev.switchyard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchyard.Switchyard;
import dev.switchyard.config.ConfigLoader;
import dev.switchyard.config.GatewayConfig;
import dev.switchyard.metering.UsageRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole gateway in process with a simulator provider, called with OpenAI's own Java SDK. */
class SimulatorThroughGatewayTest {
  private static final String CONFIG = """
      server: {host: 127.0.0.1, port: 0, master_key: sk-simulator-test-master-key}
      storage: {url: "sqlite::memory:"}
      providers:
        - {name: sim, kind: simulator, timeout: 1s}
      models:
        - {name: sim/*}
      """;

  private static final BlockingQueue<UsageRecord> RECORDS = new LinkedBlockingQueue<>();
  private static Switchyard gateway;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get)
        .parse(CONFIG, "simulator-test.yaml", Optional.empty());
    gateway = Switchyard.start(config, Switchyard.Settings.defaults().withUsageSink(RECORDS::add));
    client = OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
        .apiKey(gateway.masterKey())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void echoAnswersThroughTheSdk() {
    ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim/sim-echo")
        .addSystemMessage("Be brief.")
        .addUserMessage("Hello through the gateway")
        .build());

    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content()).hasValue("Hello through the gateway");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    CompletionUsage usage = completion.usage().orElseThrow();
    assertThat(usage.completionTokens()).isEqualTo(4);
    assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
  }

  @Test
  void streamsTheSameAnswerThroughTheSdkWithUsageWhenAsked() {
    ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
        .model("sim/sim-fast")
        .addUserMessage("Tell me something about streams");
    ChatCompletion plain = client.chat().completions().create(params.build());

    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
        .build())) {
      chunks = stream.stream().toList();
    }

    StringBuilder content = new StringBuilder();
    for (ChatCompletionChunk chunk : chunks) {
      chunk.choices().forEach(choice -> choice.delta().content().ifPresent(content::append));
    }
    assertThat(content.toString()).isEqualTo(plain.choices().get(0).message().content().orElseThrow());
    assertThat(chunks.size()).isGreaterThan(10);
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().completionTokens())
        .isEqualTo(plain.usage().orElseThrow().completionTokens());
  }

  @Test
  void streamWithoutIncludeUsageShowsNoUsageChunk() {
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
        ChatCompletionCreateParams.builder().model("sim/sim-fast").addUserMessage("No usage please").build())) {
      chunks = stream.stream().toList();
    }

    assertThat(chunks).isNotEmpty();
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.choices()).isNotEmpty();
      assertThat(chunk.usage()).isEmpty();
    });
  }

  @Test
  void embeddingsComeBackAsTheSimulatorsVectors() {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("sim/sim-embed")
        .inputOfArrayOfStrings(List.of("Hello", "world"))
        .dimensions(8)
        .build());

    assertThat(response.data()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      float[] expected = SimulatedEmbeddings.vector(DeterministicRandom.hash(i == 0 ? "Hello" : "world"), 8);
      List<Float> actual = response.data().get(i).embedding();
      assertThat(actual).hasSize(8);
      for (int j = 0; j < 8; j++) {
        assertThat(actual.get(j)).isEqualTo(expected[j]);
      }
    }
    assertThat(response.usage().promptTokens()).isEqualTo(2);
  }

  @Test
  void simulatedRateLimitReachesTheSdkAsRateLimitException() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim/sim-fast").addUserMessage("hi #simulate status=429").build()))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.headers().values("retry-after")).containsExactly("1"));
  }

  @Test
  void hangingSimulatorMakesTheGatewayTimeOutWith504() {
    assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("sim/sim-fast").addUserMessage("#simulate hang").build()))
        .isInstanceOfSatisfying(InternalServerException.class, e -> assertThat(e.statusCode()).isEqualTo(504));
  }

  @Test
  void cutStreamReachesTheSdkAsAnError() {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("sim/sim-fast").addUserMessage("#simulate fail_after_chunks=3").build();

    assertThatThrownBy(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
        stream.stream().forEach(chunk -> { });
      }
    }).isInstanceOf(OpenAIException.class).hasMessageContaining("broke off");
  }

  @Test
  void clientLeavingMidStreamStillEndsTheExchangeForMetering() throws Exception {
    String body = "{\"model\":\"sim/abandoned-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\","
        + "\"content\":\"one two three four five six seven eight nine ten #simulate tokens_per_second=5\"}]}";
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + gateway.masterKey() + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.startsWith("data: "));
      assertThat(line).as("the first event of the stream").isNotNull();
    } // hangs up with nine tokens still to come, nearly two seconds of them

    UsageRecord record = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (record == null && System.nanoTime() < deadline) {
      UsageRecord next = RECORDS.poll(100, TimeUnit.MILLISECONDS);
      if (next != null && next.model().equals("sim/abandoned-echo")) {
        record = next;
      }
    }
    assertThat(record).as("a usage record for the abandoned stream").isNotNull();
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.CLIENT_CANCELLED);
    assertThat(record.durationMillis()).isLessThan(1_500L);
  }
}
