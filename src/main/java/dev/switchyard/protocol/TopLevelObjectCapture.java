package dev.switchyard.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds one top-level object member of a JSON body fed in pieces as they are relayed — the
 * {@code usage} of an answer — so a non-streamed answer is metered without holding it in memory.
 *
 * <p>Design note: this runs over every byte of every answer, embeddings of thousands of floats
 * included, so it does not tokenize: it follows only string, escape and nesting state byte by
 * byte and copies out the bytes of the wanted {@code "name": {...}} value, for the protocol to parse.
 * A body that is not one complete JSON object (not starting with an object, cut short, or with
 * trailing bytes) yields nothing rather than a doubtful value.
 *
 * <p>{@link #inArrayElements} reads a body that is a JSON array of objects instead (Gemini's
 * streamed answer without SSE) and keeps the member of the last element that has it.
 */
public final class TopLevelObjectCapture {
  private final byte[] key;
  private final int memberDepth; // 1: members of the root object; 2: members of the root array's objects

  private int depth;
  private boolean inString;
  private boolean escaped;
  // The string being read at the member depth could be the key "usage": how much of it matched so far.
  private int keyMatch = -1;
  private boolean keyMatched; // the last string at the member depth was exactly "usage"
  private boolean awaitingValue; // ...and its ':' has been seen
  private boolean capturing;
  private byte[] captured = new byte[0];
  private int capturedLength;
  private boolean found;
  private boolean malformed;
  private boolean started; // the root object has opened
  private boolean closed; // ...and closed again

  public TopLevelObjectCapture(String name) {
    this(name, 1);
  }

  private TopLevelObjectCapture(String name, int memberDepth) {
    this.key = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.memberDepth = memberDepth;
  }

  /** Captures {@code name} of the objects in a root array; the last one found wins. */
  public static TopLevelObjectCapture inArrayElements(String name) {
    return new TopLevelObjectCapture(name, 2);
  }

  public void feed(byte[] bytes) {
    if (malformed) {
      return;
    }
    int captureFrom = capturing ? 0 : -1;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (inString) {
        if (escaped) {
          escaped = false;
          keyMatch = -1;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
          keyMatched = keyMatch == key.length;
          keyMatch = -1;
        } else if (keyMatch >= 0) {
          keyMatch = keyMatch < key.length && key[keyMatch] == b ? keyMatch + 1 : -1;
        }
        continue;
      }
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      if (closed || (!started && b != (memberDepth == 1 ? '{' : '['))) { // trailing bytes, or not the root we read
        malformed = true;
        return;
      }
      switch (b) {
        case '"' -> {
          inString = true;
          keyMatch = depth == memberDepth && !awaitingValue ? 0 : -1;
        }
        case ':' -> {
          awaitingValue = depth == memberDepth && keyMatched;
          keyMatched = false;
        }
        case '{', '[' -> {
          if (awaitingValue && b == '{') {
            capturing = true;
            captureFrom = i;
            capturedLength = 0; // a later member replaces an earlier one
          }
          awaitingValue = false;
          depth++;
          started = true;
        }
        case '}', ']' -> {
          depth--;
          if (depth < 0) {
            malformed = true;
            return;
          }
          closed = depth == 0;
          if (capturing && depth == memberDepth) {
            append(bytes, captureFrom, i + 1);
            capturing = false;
            found = true;
          }
        }
        default -> { // a scalar value, or a comma: no object for a pending key
          awaitingValue = false;
          keyMatched = false;
        }
      }
    }
    if (capturing) {
      append(bytes, captureFrom, bytes.length);
    }
  }

  /** The member's object, bytes exactly as they came, once the whole body has been fed. */
  public Optional<byte[]> finish() {
    return found && closed && !malformed ? Optional.of(Arrays.copyOf(captured, capturedLength)) : Optional.empty();
  }

  private void append(byte[] bytes, int from, int to) {
    int n = to - from;
    if (capturedLength + n > captured.length) {
      captured = Arrays.copyOf(captured, Math.max(capturedLength + n, captured.length * 2 + 64));
    }
    System.arraycopy(bytes, from, captured, capturedLength, n);
    capturedLength += n;
  }
}
