package dev.switchyard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedStreamTest {
  private static SimulatorHarness harness;

  @BeforeAll
  static void start() {
    harness = new SimulatorHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void deliversEveryItemInOrderThenEnds() {
    Reader reader = read(stream(200, 0, -1), NOTHING, NO_HOOK);

    SimulatorHarness.await(reader.ended);
    assertThat(reader.received()).containsExactlyElementsOf(numbers(200));
  }

  @Test
  void pauseStopsDeliveryUntilResume() {
    CompletableFuture<SimulatedStream> pausedAtThree = new CompletableFuture<>();
    Reader reader = read(stream(10, 0, -1), NOTHING, (stream, count) -> {
      if (count == 3) {
        stream.pause();
        pausedAtThree.complete(stream);
      }
    });

    SimulatedStream stream = SimulatorHarness.await(pausedAtThree);
    harness.quietFor(100);
    assertThat(harness.onLoop(reader::received)).hasSize(3);
    assertThat(reader.ended).isNotDone();

    harness.onLoop(stream::resume);
    SimulatorHarness.await(reader.ended);
    assertThat(reader.received()).containsExactlyElementsOf(numbers(10));
  }

  @Test
  void fetchHandsOutExactlyTheDemand() {
    CompletableFuture<SimulatedStream> created = new CompletableFuture<>();
    CompletableFuture<Void> two = new CompletableFuture<>();
    Reader reader = read(stream(10, 0, -1), stream -> {
      stream.pause();
      created.complete(stream);
    }, (stream, count) -> {
      if (count == 2) {
        two.complete(null);
      }
    });
    SimulatedStream stream = SimulatorHarness.await(created);
    harness.quietFor(50);
    assertThat(harness.onLoop(reader::received)).isEmpty();

    harness.onLoop(() -> stream.fetch(2));
    SimulatorHarness.await(two);
    harness.quietFor(50);

    assertThat(harness.onLoop(reader::received)).containsExactly("0", "1");
  }

  @Test
  void pausingAPacedStreamDoesNotBurstOnResume() {
    CompletableFuture<Long> resumedAt = new CompletableFuture<>();
    Reader reader = read(stream(6, 50, -1), NOTHING, (stream, count) -> {
      if (count == 1) {
        stream.pause();
        harness.vertx.setTimer(200, ignored -> {
          resumedAt.complete(System.nanoTime());
          stream.resume();
        });
      }
    });

    long resumed = SimulatorHarness.await(resumedAt);
    SimulatorHarness.await(reader.ended);

    // 5 paced items left at 50 a second after the pause: about 80 ms or more, not all at once.
    assertThat(SimulatorHarness.elapsedMillis(resumed)).isGreaterThanOrEqualTo(60L);
    assertThat(reader.received()).containsExactlyElementsOf(numbers(6));
  }

  @Test
  void breaksOffAfterTheGivenNumberOfItems() {
    Reader reader = read(stream(10, 0, 4), NOTHING, NO_HOOK);

    assertThat(SimulatorHarness.await(reader.failed)).hasMessage("cut");
    assertThat(reader.received()).containsExactly("0", "1", "2", "3");
    assertThat(reader.ended).isNotDone();
  }

  @Test
  void aWaitLongerThanTheIdleTimeoutFails() {
    Reader reader = read(() -> new SimulatedStream(harness.context, items(3), 1, -1,
        () -> new IllegalStateException("cut"), 100, () -> new IllegalStateException("idle")), NOTHING, NO_HOOK);

    assertThat(SimulatorHarness.await(reader.failed)).hasMessage("idle");
    assertThat(reader.received()).containsExactly("0");
  }

  @Test
  void cancelReportsOnceThenNothingMore() {
    CompletableFuture<SimulatedStream> firstItem = new CompletableFuture<>();
    Reader reader = read(stream(10, 50, -1), NOTHING, (stream, count) -> {
      if (count == 1) {
        stream.cancel(new IllegalStateException("reset"));
        stream.cancel(new IllegalStateException("again"));
        firstItem.complete(stream);
      }
    });

    SimulatedStream stream = SimulatorHarness.await(firstItem);
    assertThat(SimulatorHarness.await(reader.failed)).hasMessage("reset");
    harness.onLoop(stream::resume);
    harness.quietFor(100);

    assertThat(harness.onLoop(reader::received)).containsExactly("0");
    assertThat(reader.ended).isNotDone();
  }

  private static final Consumer<SimulatedStream> NOTHING = stream -> { };
  private static final BiConsumer<SimulatedStream, Integer> NO_HOOK = (stream, count) -> { };

  /** A stream of {@code count} numbered paced items. */
  private static Supplier<SimulatedStream> stream(int count, double perSecond, int failAfter) {
    return () -> new SimulatedStream(harness.context, items(count), perSecond, failAfter,
        () -> new IllegalStateException("cut"), 0, () -> new IllegalStateException("idle"));
  }

  private static List<SimulatedStream.Item> items(int count) {
    List<SimulatedStream.Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(new SimulatedStream.Item(Buffer.buffer(String.valueOf(i)), true));
    }
    return items;
  }

  private static List<String> numbers(int count) {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(String.valueOf(i));
    }
    return numbers;
  }

  /**
   * Creates a stream on the event loop, lets {@code setUp} see it, and starts reading it;
   * {@code onItem} runs after each item with the count so far.
   */
  private static Reader read(Supplier<SimulatedStream> factory, Consumer<SimulatedStream> setUp,
      BiConsumer<SimulatedStream, Integer> onItem) {
    Reader reader = new Reader();
    harness.onLoop(() -> {
      SimulatedStream stream = factory.get();
      stream.handler(chunk -> {
        reader.items.add(chunk.toString());
        onItem.accept(stream, reader.items.size());
      });
      stream.endHandler(ignored -> reader.ended.complete(null));
      stream.exceptionHandler(reader.failed::complete);
      setUp.accept(stream);
      stream.start();
      return null;
    });
    return reader;
  }

  /** What a stream delivered; its list is touched on the event loop only. */
  private static final class Reader {
    final List<String> items = new ArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();

    List<String> received() {
      return List.copyOf(items);
    }
  }
}
