package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.config.ProviderConfig;
import dev.switchyard.config.SimulatorConfig;
import dev.switchyard.json.Json;
import dev.switchyard.provider.Provider;
import dev.switchyard.provider.UpstreamCall;
import dev.switchyard.provider.UpstreamRequest;
import dev.switchyard.provider.UpstreamTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * The built-in {@code simulator} provider: an in-process upstream that speaks OpenAI's wire format
 * exactly, for demos, tests and load tests. Answers are derived from the request alone
 * ({@link SimulatedChat}, {@link SimulatedEmbeddings}); timing and failures come from the provider's
 * {@link SimulatorConfig} and each request's {@link SimulationDirectives}. Models whose name holds
 * {@code slow} stream at {@value #SLOW_TOKENS_PER_SECOND} tokens a second unless a pace is set.
 *
 * <p>Everything runs on the calling event loop with timers; nothing blocks.
 */
public final class SimulatorTransport implements UpstreamTransport {
  static final double SLOW_TOKENS_PER_SECOND = 20;
  private static final ObjectMapper JSON = Json.MAPPER;

  private final SimulatorConfig config;

  public SimulatorTransport(SimulatorConfig config) {
    this.config = config;
  }

  /** The transport of a {@code kind: simulator} provider, for {@code Provider.from}. */
  public static SimulatorTransport of(ProviderConfig provider) {
    return new SimulatorTransport(provider.simulator());
  }

  @Override
  public UpstreamCall send(Provider provider, UpstreamRequest request, HttpClient client) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return SimulatedCall.failed(new IllegalStateException("the simulator runs on a Vert.x event loop only"));
    }
    return SimulatedCall.start(context, reply(request), provider.name(), provider.timeout());
  }

  /** Decides the whole answer to {@code request}. */
  SimulatedReply reply(UpstreamRequest request) {
    try {
      return switch (request.path()) {
        case SimulatedChat.PATH -> chat(parse(request));
        case SimulatedEmbeddings.PATH -> embeddings(parse(request));
        default -> throw new InvalidSimulatedRequest(404, "Invalid URL (" + request.method() + " "
            + request.path() + "): the simulator serves /chat/completions and /embeddings.", null, "unknown_url");
      };
    } catch (InvalidSimulatedRequest e) {
      return SimulatedReply.invalid(e, config.latency());
    }
  }

  private SimulatedReply chat(JsonNode body) {
    SimulationDirectives directives = SimulationDirectives.fromBody(body.get(SimulationDirectives.FIELD))
        .over(SimulationDirectives.fromText(SimulatedChat.lastUserText(body.get("messages"))));
    String model = SimulatedChat.requireModel(body);
    Duration latency = directives.latency().orElse(config.latency());
    if (directives.hangs()) {
      return SimulatedReply.hanging();
    }
    if (directives.failureStatus().isPresent()) {
      return SimulatedReply.failure(directives.failureStatus().getAsInt(), model, latency);
    }
    SimulatedChat.Completion completion = SimulatedChat.answer(body);
    double pace = pace(directives, model);
    int failAfter = directives.failAfterChunks().orElse(-1);
    if (completion.stream()) {
      return SimulatedReply.eventStream(ChatCompletionWriter.events(completion), latency, pace, failAfter);
    }
    // A real provider writes nothing until it has generated the whole answer.
    Duration generation = pace > 0
        ? Duration.ofNanos(Math.round(completion.completionTokens() * 1e9 / pace))
        : Duration.ZERO;
    return SimulatedReply.json(200, ChatCompletionWriter.body(completion), latency.plus(generation), failAfter);
  }

  private SimulatedReply embeddings(JsonNode body) {
    SimulationDirectives directives = SimulationDirectives.fromBody(body.get(SimulationDirectives.FIELD));
    Duration latency = directives.latency().orElse(config.latency());
    if (directives.hangs()) {
      return SimulatedReply.hanging();
    }
    if (directives.failureStatus().isPresent()) {
      return SimulatedReply.failure(directives.failureStatus().getAsInt(), SimulatedChat.requireModel(body),
          latency);
    }
    return SimulatedReply.json(200, SimulatedEmbeddings.answer(body), latency,
        directives.failAfterChunks().orElse(-1));
  }

  private double pace(SimulationDirectives directives, String model) {
    if (directives.tokensPerSecond().isPresent()) {
      return directives.tokensPerSecond().getAsDouble();
    }
    if (config.tokensPerSecond() > 0) {
      return config.tokensPerSecond();
    }
    return model.contains("slow") ? SLOW_TOKENS_PER_SECOND : 0;
  }

  private static JsonNode parse(UpstreamRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.body().getBytes());
    } catch (IOException e) {
      throw new InvalidSimulatedRequest("We could not parse the JSON body of your request. (HINT: This likely "
          + "means you aren't using your HTTP library correctly.)", null, "invalid_json");
    }
    if (body == null || !body.isObject()) {
      throw new InvalidSimulatedRequest("The request body must be a JSON object.", null, "invalid_json");
    }
    return body;
  }
}
