package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Media given by URL to a provider that cannot fetch it (OpenAI takes files inline only, Ollama
 * images inline only): a clear 400 unless the operator enabled fetching, and even then never from
 * the gateway's own network.
 */
class MediaUrlsIT {
  private static final String PDF_BLOCK = "{\"type\":\"document\",\"source\":{\"type\":\"url\","
      + "\"url\":\"http://127.0.0.1:%d/paper.pdf\"}}";
  private static FakeUpstream openai;
  private static FakeUpstream files;
  private static GatewayHarness closed;
  private static GatewayHarness fetching;

  @BeforeAll
  static void start() {
    openai = FakeUpstream.start();
    files = FakeUpstream.start();
    String providers = """
        providers:
          - {name: openai, kind: openai, base_url: "%s", api_keys: ["%s"]}
          - {name: local, kind: ollama, base_url: "%s"}
        models:
          - {name: gpt, targets: [{provider: openai, model: gpt-4o}]}
          - {name: llava, targets: [{provider: local, model: llava}]}
        """.formatted(openai.baseUrl(), LeakGuard.newUpstreamKey(), openai.baseUrl());
    closed = GatewayHarness.start(providers);
    fetching = GatewayHarness.builder(providers + "media: {fetch_urls: true, max_size: 1MiB, timeout: 2s}\n")
        .server("limits", "{max_media_urls: 2}")
        .start();
  }

  @AfterAll
  static void stop() {
    closed.close();
    fetching.close();
    openai.close();
    files.close();
  }

  @BeforeEach
  void reset() {
    openai.reset();
    files.reset();
  }

  private static String anthropicBody(String model, String block) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"Summarise\"}," + block + "]}]}";
  }

  @Test
  void aDocumentUrlForOpenAiIsRefusedClearlyWhenFetchingIsOff() {
    HttpResult answer = closed.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        anthropicBody("gpt", PDF_BLOCK.formatted(files.port())));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/type").asText()).isEqualTo("error");
    assertThat(answer.json().at("/error/message").asText())
        .contains("cannot take documents by URL").contains("media.fetch_urls");
    assertThat(openai.received()).isEmpty();
    assertThat(files.received()).isEmpty();
  }

  @Test
  void anImageUrlForOllamaIsRefusedClearlyWhenFetchingIsOffButAnOpenAiModelTakesIt() {
    String image = "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.png\"}}";
    HttpResult refused = closed.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY, anthropicBody("llava", image));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText()).contains("Provider 'local' cannot take images by URL");

    openai.enqueue(Fixtures.load("openai", "chat-text"));
    HttpResult passed = closed.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY, anthropicBody("gpt", image));
    assertThat(passed.status()).isEqualTo(200);
    assertThat(openai.takeRequest().json().at("/messages/0/content/1/image_url/url").asText())
        .isEqualTo("https://example.com/cat.png");
  }

  @Test
  void aGeminiFileUriForOpenAiIsRefusedTheSameWay() {
    HttpResult answer = closed.post("/gemini/v1beta/models/gpt:generateContent", GatewayHarness.MASTER_KEY,
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Summarise\"},{\"fileData\":{\"mimeType\":"
            + "\"application/pdf\",\"fileUri\":\"https://example.com/paper.pdf\"}}]}]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(answer.json().at("/error/message").asText()).contains("media.fetch_urls");
  }

  @Test
  void withFetchingOnTheGatewayStillNeverFetchesFromItsOwnNetwork() {
    files.enqueue(UpstreamReply.raw(200, "application/pdf", "%PDF-1.4".getBytes()));

    HttpResult answer = fetching.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        anthropicBody("gpt", PDF_BLOCK.formatted(files.port())));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/message").asText()).contains("private, loopback or link-local");
    assertThat(files.received()).isEmpty();
    assertThat(openai.received()).isEmpty();
  }

  @Test
  void moreMediaUrlsThanTheLimitAreRefusedNamingItBeforeAnyIsFetched() {
    String documents = Stream.of(1, 2, 3).map(n -> "{\"type\":\"document\",\"source\":{\"type\":\"url\","
        + "\"url\":\"https://example.com/" + n + ".pdf\"}}").collect(Collectors.joining(","));

    HttpResult answer = fetching.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
        anthropicBody("gpt", documents));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(answer.json().at("/error/message").asText()).contains("has 3 images or documents by URL")
        .contains("server.limits.max_media_urls allows 2");
    assertThat(openai.received()).isEmpty();
  }

  @Test
  void inlineMediaNeedsNoFetching() {
    openai.enqueue(Fixtures.load("openai", "chat-text"));

    HttpResult answer = closed.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY, anthropicBody("gpt",
        "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQ=\"}}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(openai.takeRequest().json().at("/messages/0/content/1/file/file_data").asText())
        .startsWith("data:application/pdf;base64,");
  }
}
