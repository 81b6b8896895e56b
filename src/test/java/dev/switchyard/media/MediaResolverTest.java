package dev.switchyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MediaResolverTest {
  private static Vertx vertx;
  private static HttpClient client;
  private static FakeUpstream server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    server = FakeUpstream.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static ChatRequest request(ContentPart... parts) {
    return new ChatRequest("m", List.of(new Item.Message(Role.USER, List.of(parts))), List.of(), ToolChoice.AUTO,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(),
        Optional.empty(), 1, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  private static ContentPart.Document pdf(String url) {
    return new ContentPart.Document(new MediaSource.Url(url), Optional.of("a.pdf"));
  }

  private static MediaResolver resolver(boolean fetch) {
    return new MediaResolver(new MediaFetcher(address -> true),
        () -> new MediaConfig(fetch, 1 << 20, Duration.ofSeconds(2)));
  }

  private static ChatRequest await(Future<ChatRequest> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void urlsTheProviderTakesAndDataUrlsAreLeftAsTheyAre() throws Exception {
    ChatRequest request = request(ContentPart.text("look"), pdf("https://example.com/a.pdf"),
        new ContentPart.Image(new MediaSource.Url("data:image/png;base64,AAAA"), Optional.empty()));

    assertThat(await(resolver(false).resolve(request, part -> true, "p", vertx, client))).isSameAs(request);
    assertThat(await(resolver(false).resolve(request(ContentPart.text("x")), part -> false, "p", vertx, client)))
        .isNotNull();
  }

  @Test
  void withoutFetchingAUrlTheProviderCannotTakeIsAClear400() {
    ChatRequest request = request(pdf("https://example.com/a.pdf"));

    Future<ChatRequest> result = resolver(false).resolve(request, part -> false, "openai", vertx, client);

    assertThat(result.failed()).isTrue();
    GatewayException error = (GatewayException) result.cause();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.getMessage()).contains("Provider 'openai' cannot take documents by URL")
        .contains("media.fetch_urls");
  }

  @Test
  void withFetchingTheFileIsInlinedAndTheRestKept() throws Exception {
    server.enqueue(UpstreamReply.raw(200, "application/pdf", "%PDF-1.4".getBytes()));
    String url = "http://127.0.0.1:" + server.port() + "/a.pdf";
    ChatRequest request = request(ContentPart.text("read"), pdf(url));

    ChatRequest resolved = await(resolver(true).resolve(request, part -> false, "openai", vertx, client));

    List<ContentPart> parts = ((Item.Message) resolved.items().get(0)).content();
    assertThat(parts.get(0)).isEqualTo(ContentPart.text("read"));
    ContentPart.Document document = (ContentPart.Document) parts.get(1);
    assertThat(document.filename()).contains("a.pdf");
    assertThat(document.source()).isEqualTo(new MediaSource.Base64("application/pdf", "JVBERi0xLjQ="));
  }

  @Test
  void aFailedFetchFailsTheRequest() {
    ChatRequest request = request(pdf("http://127.0.0.1:" + FakeUpstream.closedPort() + "/a.pdf"));

    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> await(resolver(true).resolve(request, part -> false, "openai", vertx, client)));
    assertThat(failure.getCause()).isInstanceOf(GatewayException.class).hasMessageContaining("could not be downloaded");
  }
}
