package dev.switchyard.fidelity;

import dev.switchyard.canonical.StreamEvent;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.ProviderKinds;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.gateway.Protocols;
import dev.switchyard.protocol.ChatEgressCodec;
import dev.switchyard.protocol.ChatIngressCodec;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.Ingress;
import dev.switchyard.protocol.RequestHead;
import dev.switchyard.protocol.StreamDecoder;
import dev.switchyard.protocol.StreamEncoder;
import dev.switchyard.protocol.gemini.GeminiIngress;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.simulator.SimulatorTransport;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The codec objects the server itself uses, taken from {@link Protocols} as the gateway takes them:
 * endpoints parse the recorded requests, their translation codecs and the provider egresses do the
 * rest, streams go through decoders and encoders with their explicit end. What the matrix judges is
 * what runs.
 */
final class ProductionCodecs {
  /** Every OpenAI answer and chunk carries the time of the clock: 0 keeps the table stable. */
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private static final Map<String, Ingress> ENDPOINTS = Protocols.endpoints(CLOCK);

  private ProductionCodecs() {}

  /** The endpoint the server dispatches {@code path} to. */
  static Ingress endpoint(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Ingress fixed = ENDPOINTS.get(bare);
    return fixed != null ? fixed : GeminiIngress.forPath(bare);
  }

  /** A request as the endpoint at {@code path} parses it (path and query as the server sees them). */
  static ClientRequest parse(String path, byte[] body) {
    int query = path.indexOf('?');
    RequestHead head = query < 0 ? RequestHead.of(path)
        : new RequestHead(path.substring(0, query), path.substring(query + 1), RequestHead.of(path).headers());
    return endpoint(path).parse(head, body);
  }

  static ChatIngressCodec chatIngress(String path) {
    return (ChatIngressCodec) endpoint(path).translation().orElseThrow();
  }

  static ChatEgressCodec egress(WireProtocol protocol) {
    return Protocols.egresses().chat().get(protocol);
  }

  /** A target on a provider of {@code kind} (as a config would have it), serving {@code model}. */
  static UpstreamTarget target(String kind, String model) {
    Optional<String> baseUrl = kind.equals(ProviderKinds.OPENAI_COMPATIBLE)
        ? Optional.of("http://127.0.0.1:9/v1") : Optional.empty();
    Provider provider = Provider.from(new ProviderConfig(kind, kind, Optional.empty(), baseUrl, List.of("sk-test"),
        Map.of(), ProviderConfig.DEFAULT_CONNECT_TIMEOUT, ProviderConfig.DEFAULT_TIMEOUT, SimulatorConfig.DEFAULT),
        SimulatorTransport::of);
    return new UpstreamTarget(provider, model);
  }

  /** A provider's recorded stream through its production decoder, ended as the server ends it. */
  static List<StreamEvent> decode(WireProtocol protocol, List<SseEvent> events) {
    List<StreamEvent> out = new ArrayList<>();
    StreamDecoder decoder = egress(protocol).newStreamDecoder(out::add);
    events.forEach(decoder::accept);
    decoder.finish();
    return out;
  }

  /** Each payload of a stream recorded without its framing, as the SSE event the server reads. */
  static List<SseEvent> asSse(List<byte[]> chunks) {
    return chunks.stream()
        .map(chunk -> SseEvent.of("data: " + new String(chunk, StandardCharsets.UTF_8) + "\r\n\r\n")).toList();
  }

  /** Canonical events through the client's production encoder, ended as the server ends it; one buffer per write. */
  static List<Buffer> encode(ChatIngressCodec codec, ClientRequest request, List<StreamEvent> events) {
    List<Buffer> writes = new ArrayList<>();
    StreamEncoder encoder = codec.newStreamEncoder(request, writes::add);
    events.forEach(encoder::accept);
    encoder.finish();
    return writes;
  }

  static byte[] joined(List<Buffer> writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writes.forEach(buffer -> out.writeBytes(buffer.getBytes()));
    return out.toByteArray();
  }
}
