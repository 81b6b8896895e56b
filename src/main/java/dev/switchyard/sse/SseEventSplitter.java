package dev.switchyard.sse;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into Server-Sent Events at blank lines, whatever the network's chunking:
 * an event split across reads is held until its end arrives, several events in one read are
 * handed over one by one. Lines may end in LF, CRLF or CR. An event growing past its limit is
 * refused ({@link EventTooLargeException}) rather than held: a provider that never ends an event
 * must not make the gateway buffer without end.
 */
public final class SseEventSplitter {
  /** Thrown by {@link #feed} when the event under way passes the limit; the splitter is then spent. */
  public static final class EventTooLargeException extends RuntimeException {
    public EventTooLargeException(int limit) {
      super("An event of the stream is larger than " + limit + " bytes.", null, false, false);
    }
  }

  private final Consumer<SseEvent> onEvent;
  private final int maxEventBytes;
  private byte[] buffer = new byte[4096];
  private int length;
  private int scanned;
  private int eventStart;
  private int lineStart;
  private boolean afterCr; // the previous byte was a CR, whose LF (if any) is still to come
  private boolean blankLineAtCr; // ...and that CR ended a blank line

  /** The default of {@code server.limits.max_stream_event_size}. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  public SseEventSplitter(Consumer<SseEvent> onEvent) {
    this(onEvent, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseEventSplitter(Consumer<SseEvent> onEvent, int maxEventBytes) {
    this.onEvent = onEvent;
    this.maxEventBytes = maxEventBytes;
  }

  public void feed(Buffer chunk) {
    if (length - eventStart + chunk.length() > maxEventBytes) { // may still end inside the chunk: look first
      feedLargeChunk(chunk);
      return;
    }
    append(chunk.getBytes());
    scan();
  }

  /** A chunk that could push the pending event past the limit: taken a slice at a time, so it cannot. */
  private void feedLargeChunk(Buffer chunk) {
    int slice = Math.max(1, Math.min(64 * 1024, maxEventBytes));
    for (int from = 0; from < chunk.length(); from += slice) {
      append(chunk.getBytes(from, Math.min(chunk.length(), from + slice)));
      scan();
      if (length - eventStart > maxEventBytes) {
        length = eventStart; // nothing more of it is kept
        throw new EventTooLargeException(maxEventBytes);
      }
    }
  }

  private void scan() {
    while (scanned < length) {
      int at = scanned++;
      byte b = buffer[at];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') { // the LF of a CRLF: the line already ended at the CR
          lineStart = at + 1;
          if (blankLineAtCr) {
            emit(at + 1);
          }
          continue;
        }
        if (blankLineAtCr) { // a lone CR ended the event
          emit(at);
        }
      }
      if (b == '\r') {
        afterCr = true;
        blankLineAtCr = lineStart == at;
        lineStart = at + 1;
      } else if (b == '\n') {
        boolean blank = lineStart == at;
        lineStart = at + 1;
        if (blank) {
          emit(at + 1);
        }
      }
    }
  }

  /** Hands over what is left when the stream ends without a final blank line. */
  public void finish() {
    if (length > eventStart) {
      emit(length);
    }
  }

  private void emit(int end) {
    if (end > eventStart) {
      byte[] raw = Arrays.copyOfRange(buffer, eventStart, end);
      eventStart = end;
      onEvent.accept(new SseEvent(raw));
    }
    if (eventStart == length && scanned == length) { // all handed over: reuse the buffer from its start
      length = 0;
      scanned = 0;
      eventStart = 0;
      lineStart = 0;
    }
  }

  private void append(byte[] bytes) {
    if (length + bytes.length > buffer.length && eventStart > 0) {
      int shift = eventStart;
      System.arraycopy(buffer, shift, buffer, 0, length - shift);
      length -= shift;
      scanned -= shift;
      lineStart -= shift;
      eventStart = 0;
    }
    if (length + bytes.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes.length));
    }
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }
}
