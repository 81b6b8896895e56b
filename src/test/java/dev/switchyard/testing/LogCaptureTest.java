package dev.switchyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log watch that hostile-input tests rely on sees errors and stack traces, and only while it runs. */
class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger("dev.switchyard.SomeStage");

  @Test
  void errorsAndStackTracesAreCaughtAndOrdinaryLinesAreNot() {
    try (LogCapture capture = LogCapture.start()) {
      LOG.info("request {}: served", "req_1");
      LOG.warn("request {}: slow provider", "req_2");
      LOG.error("request {}: unexpected failure", "req_3", new IllegalStateException("boom"));
      LOG.warn("request {}: odd answer", "req_4", new IllegalArgumentException("odd"));

      assertThat(capture.problemCount()).isEqualTo(2);
      assertThat(capture.problems().get(0)).contains("ERROR dev.switchyard.SomeStage", "req_3: unexpected failure",
          "java.lang.IllegalStateException: boom", "at dev.switchyard.testing.LogCaptureTest");
      assertThat(capture.problems().get(1)).startsWith("WARN").contains("java.lang.IllegalArgumentException: odd");
    }
  }

  @Test
  void nothingIsCaughtOnceClosed() {
    LogCapture capture = LogCapture.start();
    capture.close();

    LOG.error("after the watch");

    assertThat(capture.problemCount()).isZero();
  }
}
