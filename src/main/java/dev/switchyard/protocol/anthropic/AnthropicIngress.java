package dev.switchyard.protocol.anthropic;

import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ClientCodec;
import dev.switchyard.protocol.ClientQuery;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.JsonKind;
import dev.switchyard.protocol.JsonRequestScanner;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.protocol.RequestHead;
import dev.switchyard.protocol.RequestSchema;
import dev.switchyard.provider.WireProtocol;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's native endpoints under {@code /anthropic}: Anthropic bodies in, Anthropic error JSON
 * out; passthrough to Anthropic providers, and for Messages translated for every other provider.
 */
public final class AnthropicIngress implements Ingress {
  /** What a passthrough forwards of the client's query: the SDKs' {@code ?beta=true}, nothing else. */
  private static final Set<String> FORWARDED_QUERY = Set.of("beta");
  private static final RequestSchema MESSAGES = new RequestSchema(Set.of("model", "messages", "max_tokens"),
      Map.ofEntries(
          Map.entry("model", JsonKind.STRING),
          Map.entry("messages", JsonKind.ARRAY_OF_OBJECTS),
          Map.entry("max_tokens", JsonKind.INTEGER),
          Map.entry("stream", JsonKind.BOOLEAN),
          Map.entry("system", JsonKind.STRING_OR_ARRAY),
          Map.entry("tools", JsonKind.ARRAY_OF_OBJECTS),
          Map.entry("tool_choice", JsonKind.OBJECT),
          Map.entry("temperature", JsonKind.NUMBER),
          Map.entry("top_p", JsonKind.NUMBER),
          Map.entry("top_k", JsonKind.INTEGER),
          Map.entry("stop_sequences", JsonKind.ARRAY),
          Map.entry("metadata", JsonKind.OBJECT),
          Map.entry("thinking", JsonKind.OBJECT),
          Map.entry("output_config", JsonKind.OBJECT),
          Map.entry("context_management", JsonKind.OBJECT)));
  private static final RequestSchema COUNT_TOKENS = new RequestSchema(Set.of("model", "messages"),
      Map.of("model", JsonKind.STRING, "messages", JsonKind.ARRAY_OF_OBJECTS, "system", JsonKind.STRING_OR_ARRAY,
          "tools", JsonKind.ARRAY_OF_OBJECTS, "thinking", JsonKind.OBJECT, "output_config", JsonKind.OBJECT,
          "context_management", JsonKind.OBJECT));
  private static final AnthropicPassthrough PASSTHROUGH = new AnthropicPassthrough();

  private final String name;
  private final String path;
  private final RequestSchema schema;
  private final Optional<ClientCodec> translation;

  /** @param path the path this endpoint forwards to below an Anthropic provider's base URL */
  private AnthropicIngress(String name, String path, RequestSchema schema, Optional<ClientCodec> translation) {
    this.name = name;
    this.path = path;
    this.schema = schema;
    this.translation = translation;
  }

  /** {@code POST /anthropic/v1/messages}: any model. */
  public static AnthropicIngress messages() {
    return new AnthropicIngress("anthropic.messages", "/v1/messages", MESSAGES,
        Optional.of(new AnthropicIngressCodec()));
  }

  /**
   * {@code POST /anthropic/v1/messages/count_tokens}: counted by Anthropic providers, and by Gemini's
   * countTokens for Gemini models; OpenAI-speaking providers have no way to count.
   */
  public static AnthropicIngress countTokens() {
    return new AnthropicIngress("anthropic.count_tokens", "/v1/messages/count_tokens", COUNT_TOKENS,
        Optional.of(new AnthropicTokenCountIngressCodec()));
  }

  @Override
  public String endpointName() {
    return name;
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.ANTHROPIC;
  }

  @Override
  public ClientRequest parse(RequestHead head, byte[] body) {
    JsonRequestScanner.Scan scan = JsonRequestScanner.scan(body, schema, Map.of());
    Map<String, String> anthropicHeaders = new HashMap<>();
    for (Map.Entry<String, String> header : head.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("anthropic-")) {
        anthropicHeaders.put(name, header.getValue());
      }
    }
    return new AnthropicRequest(body, scan.model(), scan.modelStart(), scan.modelEnd(), scan.stream(), path,
        anthropicHeaders, ClientQuery.forwarded(head.query(), FORWARDED_QUERY));
  }

  @Override
  public Buffer renderError(GatewayException error) {
    return Buffer.buffer(AnthropicErrors.render(error));
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
