package dev.switchyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One phase's figures as ordered {@code key=value} lines: what the report reads back. */
final class Results {
  private final Map<String, String> values = new LinkedHashMap<>();

  void put(String key, Object value) {
    values.put(key, String.valueOf(value).replace('\n', ' '));
  }

  String get(String key) {
    return values.get(key);
  }

  Map<String, String> asMap() {
    return values;
  }

  void writeTo(Path file) {
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Results readFrom(Path file) {
    Results results = new Results();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          results.values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return results;
  }
}
