package dev.switchyard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationDirectivesTest {
  @Test
  void readsEveryDirectiveFromTheBodyField() throws IOException {
    SimulationDirectives directives = SimulationDirectives.fromBody(json(
        "{\"status\":503,\"latency_ms\":200,\"tokens_per_second\":50,\"fail_after_chunks\":3,\"hang\":true}"));

    assertThat(directives.status()).hasValue(503);
    assertThat(directives.latency()).hasValue(Duration.ofMillis(200));
    assertThat(directives.tokensPerSecond()).hasValue(50.0);
    assertThat(directives.failAfterChunks()).hasValue(3);
    assertThat(directives.hangs()).isTrue();
  }

  @Test
  void readsDirectivesFromHashSimulateLinesOfText() {
    SimulationDirectives directives = SimulationDirectives.fromText(
        "Please answer.\n#simulate status=429 latency_ms=12.5\n#simulate hang fail_after_chunks=2");

    assertThat(directives.status()).hasValue(429);
    assertThat(directives.latency()).hasValue(Duration.ofNanos(12_500_000));
    assertThat(directives.failAfterChunks()).hasValue(2);
    assertThat(directives.hangs()).isTrue();
    assertThat(SimulationDirectives.fromText("no directive here")).isEqualTo(SimulationDirectives.NONE);
  }

  @Test
  void stripsDirectiveLinesForTheEcho() {
    assertThat(SimulationDirectives.strip("Hello\n#simulate latency_ms=5")).isEqualTo("Hello");
    assertThat(SimulationDirectives.strip("plain")).isEqualTo("plain");
  }

  @Test
  void unknownDirectivesAreRejectedByName() {
    assertThatThrownBy(() -> SimulationDirectives.fromText("#simulate explode=1 status=500 melt"))
        .isInstanceOf(InvalidSimulatedRequest.class)
        .hasMessageContaining("explode, melt");
    assertThatThrownBy(() -> SimulationDirectives.fromBody(json("{\"colour\":\"red\"}")))
        .hasMessageContaining("colour");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> SimulationDirectives.fromText("#simulate status=abc"))
        .hasMessageContaining("'status'");
    assertThatThrownBy(() -> SimulationDirectives.fromText("#simulate status=302"))
        .hasMessageContaining("'status'");
    assertThatThrownBy(() -> SimulationDirectives.fromBody(json("{\"latency_ms\":-1}")))
        .hasMessageContaining("'latency_ms'");
    assertThatThrownBy(() -> SimulationDirectives.fromBody(json("{\"hang\":\"yes\"}")))
        .hasMessageContaining("'hang'");
    assertThatThrownBy(() -> SimulationDirectives.fromBody(json("[]")))
        .hasMessageContaining("object");
  }

  @Test
  void theStrongerSideWinsEachSetting() throws IOException {
    SimulationDirectives body = SimulationDirectives.fromBody(json("{\"status\":500}"));
    SimulationDirectives text = SimulationDirectives.fromText("#simulate status=429 latency_ms=7");

    SimulationDirectives merged = body.over(text);

    assertThat(merged.status()).hasValue(500);
    assertThat(merged.latency()).hasValue(Duration.ofMillis(7));
    assertThat(merged.failureStatus()).hasValue(500);
    assertThat(SimulationDirectives.fromText("#simulate status=200").failureStatus()).isEmpty();
  }

  private static JsonNode json(String text) throws IOException {
    return SimulatorHarness.JSON.readTree(text);
  }
}
