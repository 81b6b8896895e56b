package dev.switchyard.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fast OpenAI-compatible upstream on 127.0.0.1 for the bench: fixed chat answers (with usage),
 * SSE streams of N chunks at a set interval, and embeddings; and Anthropic's Messages API
 * ({@code POST /v1/messages}): a text answer with usage, or a stream in Anthropic's event order
 * with N text deltas at the same interval; and Gemini's {@code POST /v1beta/models/{m}:generateContent}
 * (a text answer with {@code usageMetadata}) and {@code :streamGenerateContent?alt=sse} (N chunks at
 * the same interval). Every answer is built once at start, so the mock's own cost per request stays
 * small and constant.
 *
 * <p>Paths under {@code /v1} (and {@code /v1beta}) use the fast stream profile ({@code --chunks},
 * {@code --interval-ms}); the same paths under {@code /slow} use the slow one ({@code --slow-chunks},
 * {@code --slow-interval-ms}), so one mock serves both a latency test and a test of many long
 * open streams.
 */
public final class MockUpstream {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
  private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
  private static final long CREATED = 1_750_000_000L;

  /**
   * How a stream is paced: {@code chunks} data events, {@code intervalMs} apart (0: all at once).
   * The Anthropic stream sends its head events with the first delta, one delta per interval, and
   * its tail events with the last delta; the Gemini stream is its chunks alone.
   */
  record Profile(int chunks, long intervalMs, List<Buffer> events, Buffer usageEvent,
      List<Buffer> messagesHead, List<Buffer> messagesDeltas, List<Buffer> messagesTail,
      List<Buffer> geminiChunks) {}

  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  private static final String GEMINI_MODELS = "/v1beta/models/";

  private final Buffer chatAnswer;
  private final Buffer messagesAnswer;
  private final Buffer geminiAnswer;
  private final Buffer embeddingAnswer;
  private final Profile fast;
  private final Profile slow;

  MockUpstream(Args args) {
    this.chatAnswer = Buffer.buffer(chatJson());
    this.messagesAnswer = Buffer.buffer(AnthropicAnswers.message());
    this.geminiAnswer = Buffer.buffer(GeminiAnswers.response());
    this.embeddingAnswer = Buffer.buffer(embeddingJson(args.integer("embedding-dims", 256)));
    this.fast = profile(args.integer("chunks", 20), args.integer("interval-ms", 0));
    this.slow = profile(args.integer("slow-chunks", 20), args.integer("slow-interval-ms", 1000));
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    MockUpstream mock = new MockUpstream(args);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(args.integer("event-loops", 1))
        .setPreferNativeTransport(true));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
        .setPort(args.integer("port", 0)).setTcpNoDelay(true).setAcceptBacklog(8192).setIdleTimeout(0))
        .requestHandler(mock::handle);
    int port = server.listen().await().actualPort();
    String portFile = args.get("port-file", null);
    if (portFile != null) {
      Files.writeString(Path.of(portFile), Integer.toString(port));
    }
    System.out.println("mock upstream listening on 127.0.0.1:" + port);
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    Profile profile = fast;
    if (path.startsWith("/slow/")) {
      profile = slow;
      path = path.substring("/slow".length());
    }
    Profile chosen = profile;
    if (request.method() == HttpMethod.POST && path.equals("/v1/chat/completions")) {
      request.body().onSuccess(body -> chat(request, body, chosen));
    } else if (request.method() == HttpMethod.POST && path.equals("/v1/messages")) {
      request.body().onSuccess(body -> messages(request, body, chosen));
    } else if (request.method() == HttpMethod.POST && path.startsWith(GEMINI_MODELS)) {
      String method = path.substring(path.lastIndexOf(':') + 1);
      request.body().onSuccess(body -> gemini(request, method, chosen));
    } else if (request.method() == HttpMethod.POST && path.equals("/v1/embeddings")) {
      request.body().onSuccess(body -> json(request.response(), embeddingAnswer));
    } else if (path.equals("/health")) {
      json(request.response(), Buffer.buffer("{\"status\":\"ok\"}"));
    } else {
      notFound(request.response());
    }
  }

  private static void notFound(HttpServerResponse response) {
    response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end("{\"error\":{\"message\":\"no such path\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"not_found\"}}");
  }

  private void chat(HttpServerRequest request, Buffer body, Profile profile) {
    byte[] bytes = body.getBytes();
    if (!isTrue(bytes, "\"stream\"")) {
      json(request.response(), chatAnswer);
      return;
    }
    boolean usage = isTrue(bytes, "\"include_usage\"");
    HttpServerResponse response = request.response();
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
    headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    response.setChunked(true);
    paced(response, profile, profile.events(), () -> finish(response, profile, usage));
  }

  /** Anthropic's Messages API; without an {@code x-api-key} it refuses, as Anthropic does. */
  private void messages(HttpServerRequest request, Buffer body, Profile profile) {
    HttpServerResponse response = request.response();
    if (request.getHeader("x-api-key") == null || request.getHeader("anthropic-version") == null) {
      response.setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(AnthropicAnswers.AUTH_ERROR);
      return;
    }
    if (!isTrue(body.getBytes(), "\"stream\"")) {
      json(response, messagesAnswer);
      return;
    }
    MultiMap headers = response.headers();
    headers.set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
    headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
    response.setChunked(true);
    profile.messagesHead().forEach(response::write);
    paced(response, profile, profile.messagesDeltas(), () -> finishMessages(response, profile));
  }

  /**
   * Gemini's model methods; without an {@code x-goog-api-key} it refuses. The stream is asked for
   * in the URL, and only its SSE form ({@code alt=sse}, which the gateway asks for) is served.
   */
  private void gemini(HttpServerRequest request, String method, Profile profile) {
    HttpServerResponse response = request.response();
    if (request.getHeader("x-goog-api-key") == null) {
      response.setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(GeminiAnswers.AUTH_ERROR);
      return;
    }
    switch (method) {
      case "generateContent" -> json(response, geminiAnswer);
      case "streamGenerateContent" -> {
        if (!"sse".equals(request.getParam("alt"))) {
          response.setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(GeminiAnswers.SSE_ONLY_ERROR);
          return;
        }
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM);
        headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        response.setChunked(true);
        paced(response, profile, profile.geminiChunks(), response::end);
      }
      default -> notFound(response);
    }
  }

  /**
   * Writes the first event at once and one more every interval (all at once without an interval),
   * then runs {@code finish} right after the last, in the same tick.
   */
  private static void paced(HttpServerResponse response, Profile profile, List<Buffer> events, Runnable finish) {
    response.write(events.get(0));
    if (profile.intervalMs() <= 0 || events.size() == 1) {
      for (int i = 1; i < events.size(); i++) {
        response.write(events.get(i));
      }
      finish.run();
      return;
    }
    Vertx vertx = Vertx.currentContext().owner();
    int[] next = {1};
    long timer = vertx.setPeriodic(profile.intervalMs(), id -> {
      if (response.closed() || response.ended()) {
        vertx.cancelTimer(id);
        return;
      }
      response.write(events.get(next[0]++));
      if (next[0] >= events.size()) {
        vertx.cancelTimer(id);
        finish.run();
      }
    });
    response.closeHandler(ignored -> vertx.cancelTimer(timer));
  }

  private static void finishMessages(HttpServerResponse response, Profile profile) {
    List<Buffer> tail = profile.messagesTail();
    for (int i = 0; i < tail.size() - 1; i++) {
      response.write(tail.get(i));
    }
    response.end(tail.get(tail.size() - 1));
  }

  private static void finish(HttpServerResponse response, Profile profile, boolean usage) {
    if (usage) {
      response.write(profile.usageEvent());
    }
    response.end(DONE);
  }

  private static void json(HttpServerResponse response, Buffer answer) {
    response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(answer);
  }

  /** Whether the body holds {@code "key": true}; the bench's bodies are small and compact. */
  static boolean isTrue(byte[] body, String key) {
    byte[] needle = key.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= body.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      int k = i + needle.length;
      while (k < body.length && (body[k] == ' ' || body[k] == ':' || body[k] == '\t' || body[k] == '\n')) {
        k++;
      }
      return k + 4 <= body.length && body[k] == 't' && body[k + 1] == 'r' && body[k + 2] == 'u'
          && body[k + 3] == 'e';
    }
    return false;
  }

  private static String chatJson() {
    return "{\"id\":\"chatcmpl-bench0000000000000000000001\",\"object\":\"chat.completion\",\"created\":"
        + CREATED + ",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"The capital of France is Paris. It has been the country's capital since the "
        + "tenth century.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + usageJson() + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench01\"}";
  }

  private static String usageJson() {
    return "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":20,\"total_tokens\":44,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
  }

  private static Profile profile(int chunks, long intervalMs) {
    String head = "data: {\"id\":\"chatcmpl-bench0000000000000000000002\",\"object\":\"chat.completion.chunk\","
        + "\"created\":" + CREATED + ",\"model\":\"bench-model\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"fp_bench01\",\"choices\":[";
    List<Buffer> events = new ArrayList<>();
    int count = Math.max(2, chunks);
    for (int i = 0; i < count; i++) {
      String choice;
      if (i == 0) {
        choice = "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":null}";
      } else if (i == count - 1) {
        choice = "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}";
      } else {
        choice = "{\"index\":0,\"delta\":{\"content\":\" word" + i + "\"},\"logprobs\":null,"
            + "\"finish_reason\":null}";
      }
      events.add(Buffer.buffer(head + choice + "],\"usage\":null}\n\n"));
    }
    Buffer usage = Buffer.buffer(head + "]," + usageJson() + "}\n\n");
    return new Profile(count, intervalMs, List.copyOf(events), usage, buffers(AnthropicAnswers.streamHead()),
        buffers(AnthropicAnswers.streamDeltas(Math.max(1, chunks))),
        buffers(AnthropicAnswers.streamTail(Math.max(1, chunks))), buffers(GeminiAnswers.streamChunks(chunks)));
  }

  private static List<Buffer> buffers(List<String> texts) {
    return texts.stream().map(Buffer::buffer).toList();
  }

  private static String embeddingJson(int dims) {
    StringBuilder vector = new StringBuilder();
    for (int i = 0; i < dims; i++) {
      if (i > 0) {
        vector.append(',');
      }
      // a fixed, realistic-looking spread of small floats
      vector.append(String.format(Locale.ROOT, "%.9f", Math.sin(i * 0.37) * 0.05));
    }
    return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":["
        + vector + "]}],\"model\":\"bench-embedding\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}";
  }
}
