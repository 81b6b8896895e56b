package dev.switchyard.config;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file and applies each valid edit without a restart. Polls the file's time and
 * size once a second (dependable on every file system, unlike change notifications); an invalid
 * edit is logged and the running config stays.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

  private final Vertx vertx;
  private final Path file;
  private final ConfigLoader loader;
  private final Consumer<GatewayConfig> apply;
  private final long timerId;
  private Snapshot last;
  private boolean checking;

  private record Snapshot(FileTime modified, long size) {}

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
      Snapshot now = snapshot();
      if (now == null || Objects.equals(now, last)) {
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

  private Snapshot snapshot() {
    try {
      return new Snapshot(Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
