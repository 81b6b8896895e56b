package dev.switchyard.protocol.openai;

import dev.switchyard.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every recorded OpenAI chat completions case in the shared fixtures. */
final class ChatFixtures {
  private ChatFixtures() {}

  /** The names of the {@code chat-*} cases, such as {@code chat-text}. */
  static List<String> names() {
    Path dir = Fixtures.sharedDir().resolve("fixtures/openai");
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("chat-") && n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
      if (names.isEmpty()) {
        throw new IllegalStateException("no chat fixtures in " + dir);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One exchange of a case, named for test reports. */
  record Exchange(String name, Fixtures.Exchange exchange) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Exchange> exchanges() {
    return names().stream().flatMap(name -> {
      List<Fixtures.Exchange> exchanges = Fixtures.load("openai", name).exchanges();
      return java.util.stream.IntStream.range(0, exchanges.size())
          .mapToObj(i -> new Exchange(name + " #" + (i + 1), exchanges.get(i)));
    });
  }

  /** The exchanges whose response was recorded as a stream. */
  static Stream<Exchange> streams() {
    return exchanges().filter(e -> e.exchange().response().raw()
        && e.exchange().response().status() == 200);
  }

  /** The exchanges whose response is a chat completion body. */
  static Stream<Exchange> completions() {
    return exchanges().filter(e -> !e.exchange().response().raw()
        && e.exchange().response().status() == 200);
  }
}
