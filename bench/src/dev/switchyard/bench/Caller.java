package dev.switchyard.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Makes one request and reports when its first body byte and its end arrived, and whether it was
 * a good answer: HTTP 200 and, for a stream, a body whose last event is the protocol's final one
 * ({@code data: [DONE]} for OpenAI, {@code event: message_stop} for Anthropic, a chunk with a
 * {@code finishReason} for Gemini, whose stream has no end sentinel).
 * Runs on the load generator's event loop.
 */
final class Caller {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MESSAGE_STOP = "event: message_stop\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FINISH_REASON = "\"finishReason\"".getBytes(StandardCharsets.UTF_8);
  /** Enough of the body's end to hold its whole last event, for OpenAI and Anthropic. */
  private static final int TAIL = 128;
  /** Gemini's last chunk is a whole response: its finish reason sits a few hundred bytes from the end. */
  private static final int GEMINI_TAIL = 2048;

  /** One finished request; {@code error} is null when it succeeded. */
  record Sample(String error, long firstByteNanos, long endNanos, long bytes) {
    boolean ok() {
      return error == null;
    }
  }

  private final HttpClient client;
  private final long idleTimeoutMs;

  Caller(HttpClient client, long idleTimeoutMs) {
    this.client = client;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /**
   * Sends {@code target}'s request; {@code onOpen} runs when a 200 head arrives, {@code done}
   * exactly once at the end.
   */
  void call(Target target, Runnable onOpen, Consumer<Sample> done) {
    Call call = new Call(target.stream(), target.protocol(), done);
    client.request(target.options(idleTimeoutMs))
        .onFailure(failure -> call.fail("connect: " + kind(failure)))
        .onSuccess(request -> request.send(target.body())
            .onFailure(failure -> call.fail("send: " + kind(failure)))
            .onSuccess(response -> call.read(response, onOpen)));
  }

  private static String kind(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    return name.isEmpty() ? failure.getClass().getName() : name;
  }

  /** The state of one request while its answer arrives. */
  private static final class Call {
    private final boolean expectStream;
    private final Target.Protocol protocol;
    private final Consumer<Sample> done;
    private final byte[] tail;
    private int tailLength;
    private long firstByte;
    private long bytes;
    private byte firstChar;
    private boolean finished;

    Call(boolean expectStream, Target.Protocol protocol, Consumer<Sample> done) {
      this.expectStream = expectStream;
      this.protocol = protocol;
      this.done = done;
      this.tail = new byte[protocol == Target.Protocol.GEMINI ? GEMINI_TAIL : TAIL];
    }

    void read(HttpClientResponse response, Runnable onOpen) {
      int status = response.statusCode();
      if (status == 200) {
        onOpen.run();
      }
      response.handler(this::chunk);
      response.exceptionHandler(failure -> fail("body: " + kind(failure)));
      response.endHandler(ignored -> {
        if (status != 200) {
          fail("http " + status);
        } else if (expectStream && protocol == Target.Protocol.OPENAI && !endsWithDone()) {
          fail("stream without [DONE]");
        } else if (expectStream && protocol == Target.Protocol.ANTHROPIC && !endsWithMessageStop()) {
          fail("stream without message_stop");
        } else if (expectStream && protocol == Target.Protocol.GEMINI && !endsWithFinishReason()) {
          fail("stream without finishReason");
        } else if (!expectStream && firstChar != '{') {
          fail("not a JSON body");
        } else {
          finish(null);
        }
      });
    }

    private void chunk(Buffer chunk) {
      if (firstByte == 0) {
        firstByte = System.nanoTime();
        firstChar = chunk.length() > 0 ? chunk.getByte(0) : 0;
      }
      bytes += chunk.length();
      int length = chunk.length();
      if (length >= tail.length) {
        chunk.getBytes(length - tail.length, length, tail, 0);
        tailLength = tail.length;
      } else {
        int keep = Math.min(tailLength, tail.length - length);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        chunk.getBytes(0, length, tail, keep);
        tailLength = keep + length;
      }
    }

    private boolean endsWithDone() {
      return tailLength >= DONE.length
          && Arrays.equals(tail, tailLength - DONE.length, tailLength, DONE, 0, DONE.length);
    }

    /** Whether the last SSE event (after the last blank line before the end) is message_stop. */
    private boolean endsWithMessageStop() {
      if (tailLength < MESSAGE_STOP.length + 2 || tail[tailLength - 1] != '\n' || tail[tailLength - 2] != '\n') {
        return false;
      }
      int start = -1;
      for (int i = tailLength - 3; i > 0; i--) {
        if (tail[i] == '\n' && tail[i - 1] == '\n') {
          start = i + 1;
          break;
        }
      }
      if (start < 0) { // no earlier event in the tail: fine only if the tail holds the whole body
        if (bytes > tailLength) {
          return false;
        }
        start = 0;
      }
      return tailLength - start >= MESSAGE_STOP.length
          && Arrays.equals(tail, start, start + MESSAGE_STOP.length, MESSAGE_STOP, 0, MESSAGE_STOP.length);
    }

    /**
     * Whether the last SSE event holds a {@code finishReason}: Gemini's final chunk. Events end
     * with a blank line, {@code \r\n\r\n} as Google frames them or {@code \n\n}.
     */
    private boolean endsWithFinishReason() {
      int end = tailLength;
      int newlines = 0;
      while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r')) {
        newlines += tail[--end] == '\n' ? 1 : 0;
      }
      if (newlines < 2) { // the body does not end with a blank line
        return false;
      }
      int start = -1;
      for (int i = end - 1; i > 0; i--) {
        if (tail[i] == '\n' && (tail[i - 1] == '\n' || (i > 1 && tail[i - 1] == '\r' && tail[i - 2] == '\n'))) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) { // no earlier event in the tail: fine only if the tail holds the whole body
        if (bytes > tailLength) {
          return false;
        }
        start = 0;
      }
      for (int i = start; i + FINISH_REASON.length <= end; i++) {
        if (Arrays.equals(tail, i, i + FINISH_REASON.length, FINISH_REASON, 0, FINISH_REASON.length)) {
          return true;
        }
      }
      return false;
    }

    void fail(String error) {
      finish(error);
    }

    private void finish(String error) {
      if (finished) {
        return;
      }
      finished = true;
      long end = System.nanoTime();
      done.accept(new Sample(error, firstByte == 0 ? end : firstByte, end, bytes));
    }
  }
}
