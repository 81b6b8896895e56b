package dev.switchyard.protocol.openai;

import dev.switchyard.canonical.Usage;
import dev.switchyard.pipeline.Exchange;
import dev.switchyard.pipeline.PassthroughForwarder;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.routing.RouteTarget;
import dev.switchyard.sse.SseEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/**
 * OpenAI in, OpenAI-speaking provider out: the client's body goes upstream with only {@code model}
 * rewritten (and, for streams, the usage chunk requested so every stream is metered); a usage
 * chunk the client did not ask for is metered and not shown.
 */
final class OpenAiPassthrough extends PassthroughForwarder {
  private static final Buffer INTERRUPTED_EVENT = Buffer.buffer(
      "data: {\"error\":{\"message\":\"The upstream stream broke off before its end.\","
          + "\"type\":\"upstream_error\",\"param\":null,\"code\":\"stream_interrupted\"}}\n\n");

  @Override
  public UpstreamRequest request(Exchange exchange, RouteTarget target, Optional<Provider.Credential> credential) {
    OpenAiRequest request = (OpenAiRequest) exchange.clientRequest();
    Provider provider = target.provider();
    byte[] body = provider.acceptsStreamUsageOption()
        ? request.forUpstream(target.upstreamModel(), true)
        : request.forUpstreamWithoutStreamOptions(target.upstreamModel());
    return new UpstreamRequest(HttpMethod.POST, request.endpoint().path(),
        provider.upstreamHeaders(credential, request.stream()), Buffer.buffer(body), request.stream());
  }

  @Override
  protected Optional<Usage> usageObject(byte[] json) {
    return OpenAiUsage.parseUsageObject(json, 0, json.length);
  }

  @Override
  protected boolean relayEvent(Exchange exchange, SseEvent event) {
    if (event.isDone()) {
      return true;
    }
    OpenAiUsage.Found found = OpenAiUsage.scan(event.data());
    if (found.usage().isPresent()) {
      exchange.usage(found.usage().get());
      // The usage-only chunk is shown only to a client that asked for it; Switchyard asked for it to meter.
      return !found.isUsageOnlyChunk() || ((OpenAiRequest) exchange.clientRequest()).clientWantsStreamUsage();
    }
    return true;
  }

  @Override
  protected Buffer interruptedEvent() {
    return INTERRUPTED_EVENT;
  }

  @Override
  protected boolean isOwnErrorShape(Buffer body) {
    return OpenAiErrors.isOpenAiError(body);
  }

  @Override
  protected Buffer wrapError(int status, String message) {
    return OpenAiErrors.wrap(status, message);
  }
}
