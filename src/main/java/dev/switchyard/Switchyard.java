package dev.switchyard;

import dev.switchyard.config.ConfigException;
import dev.switchyard.config.ConfigLoader;
import dev.switchyard.config.ConfigWatcher;
import dev.switchyard.config.DefaultConfig;
import dev.switchyard.config.GatewayConfig;
import dev.switchyard.gateway.Gateway;
import dev.switchyard.gateway.GatewayBanner;
import dev.switchyard.metering.UsageSink;
import dev.switchyard.policy.auth.ApiKeys;
import dev.switchyard.server.GatewayVerticle;
import dev.switchyard.storage.JdbcStorage;
import dev.switchyard.storage.Storage;
import dev.switchyard.storage.StorageExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway, and the command line that starts one:
 * {@code java -jar switchyard.jar [--config FILE] [--port N]}.
 */
public final class Switchyard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Switchyard.class);

  private final Vertx vertx;
  private final Gateway gateway;
  private final Storage storage;
  private final StorageExecutor storageExecutor;
  private final ConfigWatcher watcher;
  private final int port;

  /**
   * How to start: the usage hook, the clock, and whether to watch the config file for edits.
   */
  public record Settings(UsageSink usageSink, Clock clock, Optional<ConfigLoader> reloadWith, int eventLoops) {
    public static Settings defaults() {
      return new Settings(UsageSink.logging(), Clock.systemUTC(), Optional.of(ConfigLoader.fromSystemEnvironment()),
          Runtime.getRuntime().availableProcessors());
    }

    public Settings withUsageSink(UsageSink sink) {
      return new Settings(sink, clock, reloadWith, eventLoops);
    }

    public Settings withClock(Clock newClock) {
      return new Settings(usageSink, newClock, reloadWith, eventLoops);
    }
  }

  private Switchyard(Vertx vertx, Gateway gateway, Storage storage, StorageExecutor storageExecutor,
      ConfigWatcher watcher, int port) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.storage = storage;
    this.storageExecutor = storageExecutor;
    this.watcher = watcher;
    this.port = port;
  }

  /** Starts a gateway and returns once it listens; throws if it cannot. */
  public static Switchyard start(GatewayConfig config, Settings settings) {
    Storage storage = JdbcStorage.open(config.storage().url());
    StorageExecutor storageExecutor = new StorageExecutor(4);
    boolean generated = config.server().masterKey().isEmpty();
    String masterKey = config.server().masterKey().orElseGet(ApiKeys::generate);
    Gateway gateway = new Gateway(config, masterKey, storage, storageExecutor, settings.usageSink(), settings.clock());
    int loops = Math.max(1, settings.eventLoops());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    try {
      String host = config.server().host();
      // Vert.x gives each server asking for port 0 its own random port; servers asking for the
      // same negative port share one random port, which is what the event loops need.
      int bindPort = config.server().port() == 0 ? -1 : config.server().port();
      GatewayVerticle first = new GatewayVerticle(gateway, host, bindPort);
      await(vertx.deployVerticle(first));
      int port = first.actualPort();
      for (int i = 1; i < loops; i++) { // the others share the port the first one bound
        await(vertx.deployVerticle(new GatewayVerticle(gateway, host, bindPort)));
      }
      ConfigWatcher watcher = config.source().isPresent() && settings.reloadWith().isPresent()
          ? new ConfigWatcher(vertx, config.source().get(), settings.reloadWith().get(),
              next -> gateway.apply(next.withPort(port)), 1000)
          : null;
      String address = "http://" + ("0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host) + ":" + port;
      LOG.info(GatewayBanner.render(gateway.state(), host, address, storage.describe(), generated, masterKey));
      GatewayBanner.warnDisabledProviders(gateway.state());
      return new Switchyard(vertx, gateway, storage, storageExecutor, watcher, port);
    } catch (RuntimeException e) {
      await(vertx.close());
      storageExecutor.close();
      storage.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String masterKey() {
    return gateway.masterKey();
  }

  public Gateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    await(vertx.close());
    storageExecutor.close();
    storage.close();
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) {
    CommandLine line;
    try {
      line = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("switchyard: " + e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (line.help()) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    GatewayConfig config;
    try {
      config = line.configFile()
          .map(file -> ConfigLoader.fromSystemEnvironment().load(file))
          .orElseGet(() -> DefaultConfig.build(System::getenv));
    } catch (ConfigException e) {
      System.err.println("switchyard: invalid config: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (line.port().isPresent()) {
      config = config.withPort(line.port().get());
    }
    Switchyard running;
    try {
      running = start(config, Settings.defaults());
    } catch (RuntimeException e) {
      System.err.println("switchyard: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "switchyard-shutdown"));
  }

  /** The parsed command line. */
  record CommandLine(Optional<Path> configFile, Optional<Integer> port, boolean help) {
    static final String USAGE = """
        usage: java -jar switchyard.jar [--config FILE] [--port N]
          --config FILE   YAML config (default: built-in: SQLite ./switchyard.db, simulator models,
                          and each provider whose API key variable is set, e.g. OPENAI_API_KEY)
          --port N        port to listen on (overrides server.port; default 4000)""";

    static CommandLine parse(String[] args) {
      Optional<Path> config = Optional.empty();
      Optional<Integer> port = Optional.empty();
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
          arg = arg.substring(0, arg.indexOf('='));
        }
        switch (arg) {
          case "--config", "-c" -> config = Optional.of(Path.of(value != null ? value : next(args, ++i, arg)));
          case "--port", "-p" -> {
            String text = value != null ? value : next(args, ++i, arg);
            try {
              int n = Integer.parseInt(text);
              if (n < 0 || n > 65535) {
                throw new NumberFormatException();
              }
              port = Optional.of(n);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port needs a number from 0 to 65535, not '" + text + "'");
            }
          }
          case "--help", "-h" -> help = true;
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
      }
      return new CommandLine(config, port, help);
    }

    private static String next(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }
}
