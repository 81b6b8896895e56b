package dev.switchyard.protocol.gemini;

import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ClientCodec;
import dev.switchyard.protocol.ClientQuery;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.JsonTrees;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.protocol.RequestHead;
import dev.switchyard.provider.WireProtocol;
import io.vertx.core.buffer.Buffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini's native model methods under {@code /gemini/v1beta/models/{model}:{method}}: Gemini bodies
 * in, Google error JSON out; passthrough to Gemini providers, translated for the others (content
 * generation and embeddings everywhere, token counting where the provider counts: Anthropic).
 */
public final class GeminiIngress implements Ingress {
  /** What a passthrough forwards of the client's query: the stream format, nothing else. */
  private static final Set<String> FORWARDED_QUERY = Set.of("alt");
  private static final GeminiPassthrough PASSTHROUGH = new GeminiPassthrough();
  private static final Map<GeminiAction, GeminiIngress> BY_ACTION = new EnumMap<>(GeminiAction.class);

  static {
    for (GeminiAction action : GeminiAction.values()) {
      BY_ACTION.put(action, new GeminiIngress(action));
    }
  }

  private final GeminiAction action;
  private final Optional<ClientCodec> translation;

  private GeminiIngress(GeminiAction action) {
    this.action = action;
    this.translation = Optional.of(switch (action) {
      case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> new GeminiIngressCodec();
      case EMBED_CONTENT, BATCH_EMBED_CONTENTS -> new GeminiEmbeddingsIngressCodec();
      case COUNT_TOKENS -> new GeminiTokenCountIngressCodec();
    });
  }

  /** The endpoint for a Gemini path; throws a 404 or 400 (in Google's shape) for a bad one. */
  public static GeminiIngress forPath(String path) {
    return BY_ACTION.get(GeminiModelPath.parse(path).action());
  }

  /** The endpoint of one method, whatever the model: for rendering errors before a path is read. */
  public static GeminiIngress of(GeminiAction action) {
    return BY_ACTION.get(action);
  }

  @Override
  public String endpointName() {
    return action.meteringName();
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.GEMINI;
  }

  @Override
  public ClientRequest parse(RequestHead head, byte[] body) {
    GeminiModelPath path = GeminiModelPath.parse(head.path());
    JsonTrees.readRequest(body); // a body that is not a JSON object is the client's 400, not the provider's
    boolean sse = ClientQuery.value(head.query(), "alt").filter("sse"::equals).isPresent();
    return new GeminiRequest(body, path, sse, ClientQuery.forwarded(head.query(), FORWARDED_QUERY));
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return Buffer.buffer(GeminiErrors.render(error));
  }

  @Override
  public PassthroughCodec passthrough() {
    return PASSTHROUGH;
  }

  @Override
  public Optional<ClientCodec> translation() {
    return translation;
  }
}
