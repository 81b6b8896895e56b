package dev.switchyard.protocol.openai;

import dev.switchyard.protocol.ByteSplice;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A client's OpenAI request body, scanned once and kept as the client's exact bytes. The upstream
 * body is those bytes with edits spliced in (the model name, and the usage option of a stream), so
 * every other field, number and key order reaches the provider untouched.
 */
public final class OpenAiRequest implements ClientRequest {
  private static final byte[] INCLUDE_USAGE_FIELD = "\"include_usage\":true".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STREAM_OPTIONS_FIELD =
      ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STREAM_OPTIONS_OBJECT = "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INCLUDE_USAGE_FIELD_COMMA =
      "\"include_usage\":true,".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.UTF_8);

  private final OpenAiEndpoint endpoint;
  private final byte[] body;
  private final String model;
  private final int modelStart;
  private final int modelEnd;
  private final boolean stream;
  private final StreamOptions streamOptions;
  private final int rootEnd;

  /**
   * Where {@code stream_options.include_usage} stands in the body, to turn it on with one splice.
   *
   * @param keyStart start of the {@code "stream_options"} key; -1 if absent
   * @param valueStart start of its value ({@code null} or <code>{</code>)
   * @param includeUsageStart start of the include_usage value; -1 if absent
   */
  record StreamOptions(int keyStart, int valueStart, int valueEnd, boolean isNull, boolean isEmpty,
      int includeUsageStart, int includeUsageEnd, boolean includeUsage) {
    static final StreamOptions ABSENT = new StreamOptions(-1, -1, -1, false, false, -1, -1, false);
  }

  OpenAiRequest(OpenAiEndpoint endpoint, byte[] body, String model, int modelStart, int modelEnd,
      boolean stream, StreamOptions streamOptions, int rootEnd) {
    this.endpoint = endpoint;
    this.body = body;
    this.model = model;
    this.modelStart = modelStart;
    this.modelEnd = modelEnd;
    this.stream = stream;
    this.streamOptions = streamOptions;
    this.rootEnd = rootEnd;
  }

  public OpenAiEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public boolean stream() {
    return stream;
  }

  @Override
  public Optional<String> endUser() {
    return JsonTrees.textAt(body, "/user");
  }

  /** The client's own body, byte for byte. */
  public byte[] body() {
    return body;
  }

  /** Whether the client itself asked for the final usage chunk of a stream. */
  public boolean clientWantsStreamUsage() {
    return stream && streamOptions.includeUsage();
  }

  /**
   * The body to send upstream: the model renamed and, for a stream when {@code askForUsage}, the
   * usage chunk requested so the exchange can be metered.
   */
  public byte[] forUpstream(String upstreamModel, boolean askForUsage) {
    ByteSplice rename = new ByteSplice(modelStart, modelEnd, ByteSplice.quoted(upstreamModel));
    if (!askForUsage || !stream || streamOptions.includeUsage()) {
      return ByteSplice.apply(body, List.of(rename));
    }
    ByteSplice usage;
    StreamOptions options = streamOptions;
    if (options.valueStart() < 0) {
      usage = new ByteSplice(rootEnd, rootEnd, STREAM_OPTIONS_FIELD);
    } else if (options.isNull()) {
      usage = new ByteSplice(options.valueStart(), options.valueEnd(), STREAM_OPTIONS_OBJECT);
    } else if (options.includeUsageStart() >= 0) {
      usage = new ByteSplice(options.includeUsageStart(), options.includeUsageEnd(), TRUE);
    } else {
      int afterBrace = options.valueStart() + 1;
      usage = new ByteSplice(afterBrace, afterBrace, options.isEmpty() ? INCLUDE_USAGE_FIELD : INCLUDE_USAGE_FIELD_COMMA);
    }
    return ByteSplice.apply(body, List.of(rename, usage));
  }

  /**
   * The body for a provider that refuses {@code stream_options} (it sends usage unasked): the model
   * renamed and the {@code stream_options} member removed, comma included.
   */
  public byte[] forUpstreamWithoutStreamOptions(String upstreamModel) {
    ByteSplice rename = new ByteSplice(modelStart, modelEnd, ByteSplice.quoted(upstreamModel));
    if (streamOptions.keyStart() < 0) {
      return ByteSplice.apply(body, List.of(rename));
    }
    ByteSplice removal = streamOptionsRemoval();
    return ByteSplice.apply(body, List.of(rename, removal));
  }

  private ByteSplice streamOptionsRemoval() {
    int start = streamOptions.keyStart();
    int end = streamOptions.valueEnd();
    int before = start - 1;
    while (before >= 0 && isWhitespace(body[before])) {
      before--;
    }
    if (before >= 0 && body[before] == ',') { // not the first member: drop the comma before it
      return ByteSplice.removal(before, end);
    }
    int after = end;
    while (after < body.length && isWhitespace(body[after])) {
      after++;
    }
    if (after < body.length && body[after] == ',') { // the first member: drop the comma after it
      after++;
      while (after < body.length && isWhitespace(body[after])) {
        after++;
      }
      return ByteSplice.removal(start, after);
    }
    return ByteSplice.removal(start, end);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

}
