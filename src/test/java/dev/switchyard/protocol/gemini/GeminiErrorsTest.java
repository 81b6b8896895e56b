package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiTestSupport.body;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorsTest {
  @ParameterizedTest
  @CsvSource({
      "400, INVALID_ARGUMENT",
      "401, UNAUTHENTICATED",
      "402, FAILED_PRECONDITION",
      "403, PERMISSION_DENIED",
      "404, NOT_FOUND",
      "409, ABORTED",
      "413, INVALID_ARGUMENT",
      "422, INVALID_ARGUMENT",
      "429, RESOURCE_EXHAUSTED",
      "499, CANCELLED",
      "500, INTERNAL",
      "501, UNIMPLEMENTED",
      "502, UNAVAILABLE",
      "503, UNAVAILABLE",
      "504, DEADLINE_EXCEEDED",
      "507, INTERNAL"})
  void eachStatusRendersGooglesErrorWithItsGrpcNameAndKeepsTheStatusAsCode(int status, String name) {
    JsonNode error = json(GeminiErrors.render(status, "it went wrong")).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(status);
    assertThat(error.path("status").asText()).isEqualTo(name);
    assertThat(error.path("message").asText()).isEqualTo("it went wrong");
    assertThat(GeminiErrors.parse(status, GeminiErrors.render(status, "it went wrong")))
        .isEqualTo(new UpstreamError(status, name, "it went wrong"));
  }

  @ParameterizedTest
  @CsvSource({
      "INVALID_ARGUMENT, 400", "FAILED_PRECONDITION, 400", "OUT_OF_RANGE, 400", "UNAUTHENTICATED, 401",
      "PERMISSION_DENIED, 403", "NOT_FOUND, 404", "ABORTED, 409", "ALREADY_EXISTS, 409",
      "RESOURCE_EXHAUSTED, 429", "CANCELLED, 499", "UNIMPLEMENTED, 501", "UNAVAILABLE, 503",
      "DEADLINE_EXCEEDED, 504", "INTERNAL, 500", "UNKNOWN, 500", "DATA_LOSS, 500"})
  void eachGrpcNameStandsForAStatus(String name, int status) {
    assertThat(GeminiErrors.httpStatus(name)).isEqualTo(status);
  }

  @Test
  void aGatewayExceptionRendersItsStatusAndMessage() {
    JsonNode error = json(GeminiErrors.render(GatewayException.modelNotFound("gemini-9"))).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(404);
    assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
    assertThat(error.path("message").asText()).contains("`gemini-9`");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "error-404-model-not-found | 404 | NOT_FOUND | models/gemini-3.6-flahs is not found for API version v1beta",
      "error-404-embed | 404 | NOT_FOUND | models/nonexistent-model is not found",
      "error-429-resource-exhausted | 429 | RESOURCE_EXHAUSTED | "
          + "You exceeded your current quota, please check your plan. (retry after 34.4s)"})
  void recordedErrorBodiesParseIntoStatusTypeAndMessage(String name, int status, String type, String message) {
    UpstreamError error = GeminiErrors.parse(status, body(name, 0));
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.message()).startsWith(message);
  }

  @Test
  void unavailableKeepsItsStatus() {
    UpstreamError error = GeminiErrors.parse(503,
        utf8("{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"));
    assertThat(error).isEqualTo(new UpstreamError(503, "UNAVAILABLE", "The model is overloaded."));
  }

  @Test
  void aBodyThatIsNotGooglesErrorJsonKeepsItsStatusAndIsQuoted() {
    assertThat(GeminiErrors.parse(502, utf8("<html>Bad Gateway</html>")))
        .isEqualTo(new UpstreamError(502, "UNAVAILABLE", "<html>Bad Gateway</html>"));
    assertThat(GeminiErrors.parse(500, new byte[0]))
        .isEqualTo(new UpstreamError(500, "INTERNAL", "The Gemini upstream answered with status 500."));
    assertThat(GeminiErrors.parse(400, utf8("{\"error\":\"bad\"}")).type()).isEqualTo("INVALID_ARGUMENT");
  }
}
