package dev.switchyard.protocol.openai;

import dev.switchyard.metering.Usage;
import dev.switchyard.protocol.TopLevelObjectCapture;
import java.util.Optional;

/** Meters a non-streamed OpenAI answer on the way past: its top-level {@code usage}, read in OpenAI's terms. */
public final class OpenAiBodyUsageScanner {
  private final TopLevelObjectCapture usage = new TopLevelObjectCapture("usage");

  public void feed(byte[] bytes) {
    usage.feed(bytes);
  }

  /** The usage found, once the whole body has been fed; empty when there was none. */
  public Optional<Usage> finish() {
    return usage.finish().flatMap(json -> OpenAiUsage.parseUsageObject(json, 0, json.length));
  }
}
