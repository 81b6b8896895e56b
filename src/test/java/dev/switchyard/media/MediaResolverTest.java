package dev.switchyard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchyard.canonical.ChatRequest;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.Item;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.canonical.Role;
import dev.switchyard.canonical.ToolChoice;
import dev.switchyard.config.LimitsConfig;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

  @BeforeEach
  void reset() {
    server.reset();
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
    return resolver(new MediaConfig(fetch, 1 << 20, Duration.ofSeconds(2)), LimitsConfig.DEFAULT);
  }

  private static MediaResolver resolver(MediaConfig media, LimitsConfig limits) {
    return new MediaResolver(new MediaFetcher(address -> true), () -> media, () -> limits);
  }

  private static LimitsConfig limits(int maxMediaUrls, long maxMediaTotalBytes) {
    LimitsConfig d = LimitsConfig.DEFAULT;
    return new LimitsConfig(d.requestHeadTimeout(), d.idleTimeout(), d.bodyTimeout(), d.maxConnections(),
        d.maxSchemaNodes(), maxMediaUrls, maxMediaTotalBytes, d.maxStreamEventBytes(), d.maxStreamDuration(),
        d.maxDroppedFields(), d.maxPendingKeyLookups(), d.unknownKeyCacheTtl(), d.maxAdminBodyBytes());
  }

  private static Future<ChatRequest> resolve(MediaResolver resolver, ChatRequest request, FetchedMedia fetched) {
    return resolver.resolve(request, part -> false, "openai", fetched, vertx, client);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static GatewayException failure(Future<ChatRequest> future) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> await(future));
    assertThat(failure.getCause()).isInstanceOf(GatewayException.class);
    return (GatewayException) failure.getCause();
  }

  private static ChatRequest await(Future<ChatRequest> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void urlsTheProviderTakesAndDataUrlsAreLeftAsTheyAre() throws Exception {
    ChatRequest request = request(ContentPart.text("look"), pdf("https://example.com/a.pdf"),
        new ContentPart.Image(new MediaSource.Url("data:image/png;base64,AAAA"), Optional.empty()));

    assertThat(await(resolver(false).resolve(request, part -> true, "p", new FetchedMedia(), vertx, client)))
        .isSameAs(request);
    assertThat(await(resolver(false).resolve(request(ContentPart.text("x")), part -> false, "p", new FetchedMedia(),
        vertx, client)))
        .isNotNull();
  }

  @Test
  void withoutFetchingAUrlTheProviderCannotTakeIsAClear400() {
    ChatRequest request = request(pdf("https://example.com/a.pdf"));

    Future<ChatRequest> result = resolve(resolver(false), request, new FetchedMedia());

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

    ChatRequest resolved = await(resolve(resolver(true), request, new FetchedMedia()));

    List<ContentPart> parts = ((Item.Message) resolved.items().get(0)).content();
    assertThat(parts.get(0)).isEqualTo(ContentPart.text("read"));
    ContentPart.Document document = (ContentPart.Document) parts.get(1);
    assertThat(document.filename()).contains("a.pdf");
    assertThat(document.source()).isEqualTo(new MediaSource.Base64("application/pdf", "JVBERi0xLjQ="));
  }

  @Test
  void aFailedFetchFailsTheRequest() {
    ChatRequest request = request(pdf("http://127.0.0.1:" + FakeUpstream.closedPort() + "/a.pdf"));

    assertThat(failure(resolve(resolver(true), request, new FetchedMedia())).getMessage())
        .contains("could not be downloaded");
  }

  @Test
  void moreUrlsThanTheLimitAreRefusedBeforeAnyIsFetched() {
    ChatRequest request = request(pdf(url("/1.pdf")), pdf(url("/2.pdf")), pdf(url("/3.pdf")),
        pdf(url("/1.pdf"))); // the same URL twice is one fetch

    GatewayException refused = failure(resolve(resolver(new MediaConfig(true, 1 << 20, Duration.ofSeconds(2)),
        limits(2, 1 << 20)), request, new FetchedMedia()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.getMessage()).contains("has 3 images or documents by URL")
        .contains("server.limits.max_media_urls allows 2");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void allOfARequestsFetchesTogetherStayWithinTheTotalLimit() {
    server.always(UpstreamReply.raw(200, "application/pdf", new byte[400]));
    ChatRequest request = request(pdf(url("/1.pdf")), pdf(url("/2.pdf")), pdf(url("/3.pdf")));

    GatewayException refused = failure(resolve(resolver(new MediaConfig(true, 1 << 20, Duration.ofSeconds(2)),
        limits(16, 1000)), request, new FetchedMedia()));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.getMessage()).contains("server.limits.max_media_total_size");
  }

  @Test
  void atMostFourFilesAreFetchedAtOnce() throws Exception {
    server.always(UpstreamReply.hangForever());
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      parts.add(pdf(url("/" + i + ".pdf")));
    }
    MediaResolver resolver = resolver(new MediaConfig(true, 1 << 20, Duration.ofSeconds(1)), LimitsConfig.DEFAULT);

    Future<ChatRequest> resolved = resolve(resolver, request(parts.toArray(ContentPart[]::new)), new FetchedMedia());
    for (int i = 0; i < 4; i++) {
      server.takeRequest();
    }
    Thread.sleep(300);

    assertThat(server.received()).hasSize(4); // the other two wait for a free slot
    assertThat(failure(resolved).getMessage()).contains("took longer than 1000 ms");
    assertThat(server.received()).as("after a failure, the waiting ones are dropped").hasSize(4);
  }

  @Test
  void aFailoverAttemptReusesWhatAnEarlierAttemptOfTheRequestFetched() throws Exception {
    server.answering(asked -> asked.path().endsWith(".png") ? UpstreamReply.raw(200, "image/png", new byte[8])
        : UpstreamReply.raw(200, "application/pdf", "%PDF-1.4".getBytes()));
    ChatRequest request = request(pdf(url("/a.pdf")), new ContentPart.Image(new MediaSource.Url(url("/b.png")),
        Optional.empty()));
    FetchedMedia fetched = new FetchedMedia();
    MediaResolver resolver = resolver(true);

    ChatRequest first = await(resolver.resolve(request, part -> part instanceof ContentPart.Image, "anthropic",
        fetched, vertx, client)); // this provider takes the image by URL: only the document is fetched
    ChatRequest second = await(resolve(resolver, request, fetched)); // this one takes neither
    assertThat(server.received()).extracting(ReceivedRequest::path).containsExactly("/a.pdf", "/b.png");

    assertThat(((Item.Message) first.items().get(0)).content().get(1)).isInstanceOf(ContentPart.Image.class)
        .extracting(part -> ((ContentPart.Image) part).source()).isInstanceOf(MediaSource.Url.class);
    assertThat(((Item.Message) second.items().get(0)).content().get(0))
        .isEqualTo(((Item.Message) first.items().get(0)).content().get(0));
    await(resolve(resolver, request, new FetchedMedia())); // another request fetches for itself
    assertThat(server.received()).hasSize(4);
  }

  @Test
  void aFetchThatFailedIsNotTriedAgainByTheNextAttempt() {
    server.enqueue(UpstreamReply.text(404, "text/plain", "gone"));
    ChatRequest request = request(pdf(url("/gone.pdf")));
    FetchedMedia fetched = new FetchedMedia();
    MediaResolver resolver = resolver(true);

    assertThat(failure(resolve(resolver, request, fetched)).getMessage()).contains("answered HTTP 404");
    assertThat(failure(resolve(resolver, request, fetched)).getMessage()).contains("answered HTTP 404");

    assertThat(server.received()).hasSize(1);
  }
}
