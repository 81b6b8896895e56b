package dev.switchyard.simulator;

import java.util.Optional;

/** A request the simulator refuses as OpenAI would: HTTP 400 (or the given status) with an error body. */
final class InvalidSimulatedRequest extends RuntimeException {
  private final int status;
  private final Optional<String> param;
  private final Optional<String> code;

  InvalidSimulatedRequest(String message, String param, String code) {
    this(400, message, param, code);
  }

  InvalidSimulatedRequest(int status, String message, String param, String code) {
    super(message, null, false, false);
    this.status = status;
    this.param = Optional.ofNullable(param);
    this.code = Optional.ofNullable(code);
  }

  int status() {
    return status;
  }

  Optional<String> param() {
    return param;
  }

  Optional<String> code() {
    return code;
  }
}
