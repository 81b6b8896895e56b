package dev.switchyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.canonical.MediaSource;
import dev.switchyard.config.MediaConfig;
import dev.switchyard.error.GatewayException;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaFetcherTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
  private static final MediaConfig ON = new MediaConfig(true, 1024, Duration.ofSeconds(2));
  private static Vertx vertx;
  private static HttpClient client;
  private static FakeUpstream server;
  /** Loopback allowed, since the test serves media there; production never allows it. */
  private final MediaFetcher fetcher = new MediaFetcher(address -> true);

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

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  /** A budget no test here reaches. */
  private static FetchBudget plenty() {
    return new FetchBudget(Long.MAX_VALUE);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static GatewayException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (java.util.concurrent.ExecutionException e) {
      return (GatewayException) e.getCause();
    }
    throw new AssertionError("the fetch succeeded");
  }

  @Test
  void anImageIsDownloadedAndInlinedWithItsMediaType() throws Exception {
    server.enqueue(UpstreamReply.raw(200, "image/png", PNG));

    MediaSource.Base64 inline = await(fetcher.fetch(vertx, client, ON, plenty(), url("/cat.png?size=small"), true));

    assertThat(inline.mediaType()).isEqualTo("image/png");
    assertThat(Base64.getDecoder().decode(inline.data())).isEqualTo(PNG);
    assertThat(server.takeRequest().path()).isEqualTo("/cat.png?size=small");
  }

  @Test
  void theProductionRuleNeverFetchesFromLoopback() throws Exception {
    GatewayException refused = failure(new MediaFetcher().fetch(vertx, client, ON, plenty(), url("/cat.png"), true));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.getMessage()).contains("private, loopback or link-local");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aFileLargerThanTheLimitIsRefused() throws Exception {
    server.enqueue(UpstreamReply.raw(200, "image/png", new byte[4096]));

    assertThat(failure(fetcher.fetch(vertx, client, ON, plenty(), url("/big.png"), true)).getMessage())
        .contains("larger than the gateway's limit of 1024 bytes");
  }

  @Test
  void theWrongKindOfContentIsRefused() throws Exception {
    server.enqueue(UpstreamReply.text(200, "text/html", "<html>"));
    assertThat(failure(fetcher.fetch(vertx, client, ON, plenty(), url("/page"), true)).getMessage())
        .contains("is not an image").contains("text/html");

    server.enqueue(UpstreamReply.raw(200, "image/png", PNG));
    assertThat(failure(fetcher.fetch(vertx, client, ON, plenty(), url("/cat.png"), false)).getMessage())
        .contains("is not a PDF or text document");
  }

  @Test
  void redirectsAndErrorsAreNotFollowed() throws Exception {
    server.enqueue(UpstreamReply.text(302, "text/plain", "").withHeader("location", "http://169.254.169.254/"));
    assertThat(failure(fetcher.fetch(vertx, client, ON, plenty(), url("/moved"), true)).getMessage())
        .contains("answered HTTP 302");
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aSlowServerRunsIntoTheTimeout() throws Exception {
    server.enqueue(UpstreamReply.hangForever());
    MediaConfig quick = new MediaConfig(true, 1024, Duration.ofMillis(300));

    assertThat(failure(fetcher.fetch(vertx, client, quick, plenty(), url("/slow.png"), true)).getMessage())
        .contains("took longer than 300 ms");
  }

  @Test
  void aDownloadThatRunsOutOfTimeIsResetNotLeftRunning() throws Exception {
    // A server that trickles: never silent long enough for an idle timeout, far too slow overall.
    server.enqueue(UpstreamReply.raw(200, "image/png", "x\n\n".repeat(200).getBytes())
        .eventByEvent(Duration.ofMillis(50)));
    HttpClient own = vertx.createHttpClient(); // no pooled connection of other tests to reuse
    int openBefore = server.openConnections();
    MediaConfig quick = new MediaConfig(true, 1024, Duration.ofMillis(300));

    assertThat(failure(fetcher.fetch(vertx, own, quick, plenty(), url("/trickle.png"), true)).getMessage())
        .contains("took longer than 300 ms");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (server.openConnections() > openBefore && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.openConnections()).as("the download's connection is closed").isLessThanOrEqualTo(openBefore);
    own.close();
  }

  @Test
  void theRequestsFetchesShareOneBudget() throws Exception {
    FetchBudget budget = new FetchBudget(1000);
    server.enqueue(UpstreamReply.raw(200, "image/png", new byte[600]));
    await(fetcher.fetch(vertx, client, ON, budget, url("/first.png"), true));
    server.enqueue(UpstreamReply.raw(200, "image/png", new byte[100]));
    await(fetcher.fetch(vertx, client, ON, budget, url("/small.png"), true)); // 700 of 1000 taken

    server.enqueue(UpstreamReply.raw(200, "image/png", new byte[600])); // its length says it will not fit
    GatewayException declared = failure(fetcher.fetch(vertx, client, ON, budget, url("/second.png"), true));
    server.enqueue(UpstreamReply.raw(200, "image/png", "x\n\n".repeat(200).getBytes())
        .eventByEvent(Duration.ofMillis(1))); // no length: found out as it arrives
    GatewayException streamed = failure(fetcher.fetch(vertx, client, ON, budget, url("/third.png"), true));

    for (GatewayException tooMuch : List.of(declared, streamed)) {
      assertThat(tooMuch.status()).isEqualTo(413);
      assertThat(tooMuch.getMessage()).contains("server.limits.max_media_total_size").contains("1000 bytes");
    }
  }

  @Test
  void onlyHttpUrlsAreFetched() throws Exception {
    for (String url : new String[] {"file:///etc/passwd", "ftp://example.com/a.png", "gopher://x/", "not a url"}) {
      assertThat(failure(fetcher.fetch(vertx, client, ON, plenty(), url, true)).status()).as(url).isEqualTo(400);
    }
  }
}
