package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamResponse;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real Vert.x instance with one event loop context to call the simulator on, and helpers that
 * wait (bounded) for a whole answer: status, headers, every chunk, and how the body finished.
 */
final class SimulatorHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long WAIT_SECONDS = 10;

  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();

  static Provider provider(SimulatorConfig config, Duration timeout) {
    return Provider.from(new ProviderConfig("sim", ProviderKinds.SIMULATOR, Optional.empty(), Optional.empty(),
        List.of(), Map.of(), Duration.ofSeconds(1), timeout, config), SimulatorTransport::of);
  }

  static Provider provider() {
    return provider(SimulatorConfig.DEFAULT, Duration.ofSeconds(30));
  }

  static UpstreamRequest request(String path, String body) {
    boolean stream = body.contains("\"stream\":true") || body.contains("\"stream\": true");
    return new UpstreamRequest(HttpMethod.POST, path, MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(body), stream);
  }

  /** A chat request with one user message; {@code extra} is more top-level fields, or empty. */
  static String chat(String model, String userText, String extra) {
    try {
      return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
          + JSON.writeValueAsString(userText) + "}]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code action} on the event loop and returns what it returned. */
  <T> T onLoop(Supplier<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(ignored -> {
      try {
        result.complete(action.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return await(result);
  }

  UpstreamCall start(Provider provider, String path, String body) {
    return onLoop(() -> provider.transport().send(provider, request(path, body), null));
  }

  /** Calls the simulator and waits for the whole answer. */
  Answer call(Provider provider, String path, String body) {
    long started = System.nanoTime();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    context.runOnContext(ignored -> {
      UpstreamCall call = provider.transport().send(provider, request(path, body), null);
      call.response().onComplete(result -> {
        if (result.failed()) {
          answer.completeExceptionally(result.cause());
          return;
        }
        collect(result.result(), started, answer);
      });
    });
    return await(answer);
  }

  Answer chat(String body) {
    return call(provider(), SimulatedChat.PATH, body);
  }

  private static void collect(UpstreamResponse response, long started, CompletableFuture<Answer> answer) {
    long headers = elapsedMillis(started);
    List<Buffer> chunks = new ArrayList<>();
    response.body().handler(chunks::add);
    response.body().exceptionHandler(failure -> answer.complete(
        new Answer(response.status(), response.headers(), chunks, failure, headers, elapsedMillis(started))));
    response.body().endHandler(ignored -> answer.complete(
        new Answer(response.status(), response.headers(), chunks, null, headers, elapsedMillis(started))));
  }

  static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Completes after {@code millis}, by a Vert.x timer: a bounded window to observe that nothing happens. */
  void quietFor(long millis) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.setTimer(millis, ignored -> done.complete(null));
    await(done);
  }

  @Override
  public void close() {
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  /**
   * A whole answer.
   *
   * @param failure how the body broke off, or null when it ended
   * @param headersMillis time from the call to the status and headers
   * @param endMillis time from the call to the end (or failure) of the body
   */
  record Answer(int status, MultiMap headers, List<Buffer> chunks, Throwable failure, long headersMillis,
      long endMillis) {
    String text() {
      Buffer all = Buffer.buffer();
      chunks.forEach(all::appendBuffer);
      return all.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(text());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The data of every server-sent event, in order, {@code [DONE]} included. */
    List<String> eventData() {
      List<String> data = new ArrayList<>();
      for (String event : text().split("\n\n")) {
        if (!event.isBlank()) {
          if (!event.startsWith("data: ")) {
            throw new AssertionError("not a data event: " + event);
          }
          data.add(event.substring("data: ".length()));
        }
      }
      return data;
    }

    /** The JSON chunks of a stream, {@code [DONE]} left out. */
    List<JsonNode> chunkJson() {
      List<JsonNode> result = new ArrayList<>();
      for (String data : eventData()) {
        if (!data.equals("[DONE]")) {
          try {
            result.add(JSON.readTree(data));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return result;
    }

    /** The streamed text of choice 0. */
    String streamedContent() {
      StringBuilder content = new StringBuilder();
      for (JsonNode chunk : chunkJson()) {
        JsonNode delta = chunk.path("choices").path(0).path("delta");
        if (delta.path("content").isTextual()) {
          content.append(delta.get("content").asText());
        }
      }
      return content.toString();
    }
  }
}
