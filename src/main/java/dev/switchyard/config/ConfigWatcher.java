package dev.switchyard.config;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and applies each valid edit without a restart. Reads the file once a
 * second and compares its content (dependable on every file system and editor, unlike change
 * notifications or timestamps); an invalid edit is logged and the running config stays.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Vertx vertx;
  private final Path file;
  private final ConfigLoader loader;
  private final Consumer<GatewayConfig> apply;
  private final long timerId;
  private byte[] last;
  private boolean checking;

  public ConfigWatcher(Vertx vertx, Path file, ConfigLoader loader, Consumer<GatewayConfig> apply, long periodMillis) {
    this.vertx = vertx;
    this.file = file;
    this.loader = loader;
    this.apply = apply;
    this.last = snapshot();
    this.timerId = vertx.setPeriodic(periodMillis, ignored -> check());
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    vertx.executeBlocking(() -> {
      byte[] now = snapshot();
      if (now == null || Arrays.equals(now, last)) {
        return null;
      }
      last = now;
      try {
        GatewayConfig config = loader.load(file);
        apply.accept(config);
      } catch (ConfigException e) {
        LOG.error("config change rejected, the running config stays: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("config change could not be applied, the running config stays", e);
      }
      return null;
    }).onComplete(ignored -> checking = false);
  }

  private byte[] snapshot() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
