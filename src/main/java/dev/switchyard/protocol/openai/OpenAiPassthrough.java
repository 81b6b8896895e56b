package dev.switchyard.protocol.openai;

import dev.switchyard.canonical.Usage;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.ByteScan;
import dev.switchyard.protocol.ClientRequest;
import dev.switchyard.protocol.PassthroughCodec;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * OpenAI in, OpenAI-speaking provider out: the client's body goes upstream with only {@code model}
 * rewritten (and, for streams, the usage chunk requested so every stream is metered); a usage
 * chunk the client did not ask for is metered and not shown. A stream is whole at {@code [DONE]},
 * or at its finish reason for servers that close without the sentinel.
 */
final class OpenAiPassthrough implements PassthroughCodec {
  private static final byte[] FINISH_REASON = "\"finish_reason\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.UTF_8);

  @Override
  public UpstreamRequest request(ClientRequest clientRequest, UpstreamTarget target,
      Optional<Provider.Credential> credential) {
    OpenAiRequest request = (OpenAiRequest) clientRequest;
    Provider provider = target.provider();
    byte[] body = provider.acceptsStreamUsageOption()
        ? request.forUpstream(target.upstreamModel(), true)
        : request.forUpstreamWithoutStreamOptions(target.upstreamModel());
    return new UpstreamRequest(HttpMethod.POST, request.endpoint().path(),
        provider.upstreamHeaders(credential, request.stream()), Buffer.buffer(body), request.stream());
  }

  @Override
  public Optional<Usage> usageObject(byte[] json) {
    return OpenAiUsage.parseUsageObject(json, 0, json.length);
  }

  @Override
  public StreamWatch watchStream(ClientRequest request) {
    boolean clientWantsUsage = ((OpenAiRequest) request).clientWantsStreamUsage();
    return new StreamWatch() {

      @Override
      public boolean relay(SseEvent event) {
        if (event.isDone()) {
          finish();
          return true;
        }
        byte[] data = event.data();
        if (!finished() && ByteScan.keyWithValue(data, FINISH_REASON, '"')) {
          finish();
        } else if (!finished() && ByteScan.startsWithKey(data, ERROR)) {
          fail();
        }
        OpenAiUsage.Found found = OpenAiUsage.scan(data);
        if (found.usage().isPresent()) {
          usage(found.usage().get());
          // The usage-only chunk is shown only to a client that asked for it; Switchyard asked for it to meter.
          return !found.isUsageOnlyChunk() || clientWantsUsage;
        }
        return true;
      }
    };
  }

  @Override
  public Buffer interruptedEvent() {
    return OpenAiErrors.interruptedEvent();
  }

  @Override
  public Buffer errorEvent(GatewayException error) {
    return Buffer.buffer("data: ").appendBuffer(OpenAiErrors.render(error)).appendString("\n\n");
  }

  @Override
  public boolean isOwnErrorShape(Buffer body) {
    return OpenAiErrors.isOpenAiError(body);
  }

  @Override
  public Buffer wrapError(int status, String message) {
    return OpenAiErrors.wrap(status, message);
  }
}
