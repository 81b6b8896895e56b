package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.SDK;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.fixture;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.json;
import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.ErrorResponse;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.error.UpstreamError;
import dev.switchyard.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {
  @ParameterizedTest
  @CsvSource({
      "400, invalid_request_error",
      "401, authentication_error",
      "402, billing_error",
      "403, permission_error",
      "404, not_found_error",
      "413, request_too_large",
      "422, invalid_request_error",
      "429, rate_limit_error",
      "500, api_error",
      "502, api_error",
      "503, overloaded_error",
      "504, timeout_error",
      "529, overloaded_error"})
  void eachStatusGetsAnthropicsErrorType(int status, String type) throws Exception {
    byte[] body = AnthropicErrors.render(new GatewayException(status, ErrorKind.ofStatus(status),
        null, null, "went wrong"));
    assertThat(json(body)).isEqualTo(json(
        "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"went wrong\"}}"));
    if (!type.equals("request_too_large")) { // Anthropic documents it; the SDK's enum lacks it
      ErrorResponse sdk = SDK.readValue(body, ErrorResponse.class).validate();
      assertThat(sdk.error().message()).isEqualTo("went wrong");
    }
  }

  @Test
  void aGatewayExceptionRendersItsMessage() {
    byte[] body = AnthropicErrors.render(GatewayException.invalidRequest("max_tokens", "too many"));
    assertThat(json(body).path("error").path("message").asText()).isEqualTo("too many");
    assertThat(json(body).path("error").path("type").asText()).isEqualTo("invalid_request_error");
  }

  @ParameterizedTest
  @CsvSource({
      "messages-error-400-invalid-request, 400, invalid_request_error, This model does not support effort level",
      "messages-error-404-not-found, 404, not_found_error, 'model: claude-sonet-4-5'"})
  void recordedErrorBodiesParseIntoStatusTypeAndMessage(String name, int status, String type, String message) {
    Fixtures.Response response = fixture(name).first().response();
    UpstreamError error = AnthropicErrors.parse(response.status(), response.body());
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.message()).startsWith(message);
  }

  @Test
  void overloadedStatus529BecomesThe503OtherClientsUnderstand() {
    UpstreamError error = AnthropicErrors.parse(529,
        utf8("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertThat(error).isEqualTo(new UpstreamError(503, "overloaded_error", "Overloaded"));
    assertThat(AnthropicErrors.status("overloaded_error")).isEqualTo(503);
  }

  @Test
  void aBodyThatIsNotAnthropicErrorJsonKeepsItsStatusAndIsQuoted() {
    UpstreamError error = AnthropicErrors.parse(502, utf8("<html>Bad Gateway</html>"));
    assertThat(error).isEqualTo(new UpstreamError(502, "api_error", "<html>Bad Gateway</html>"));
    assertThat(AnthropicErrors.parse(429, new byte[0]))
        .isEqualTo(new UpstreamError(429, "rate_limit_error",
            "The Anthropic upstream answered with status 429."));
  }

  @ParameterizedTest
  @CsvSource({
      "invalid_request_error, 400", "authentication_error, 401", "billing_error, 402", "permission_error, 403",
      "not_found_error, 404", "request_too_large, 413", "rate_limit_error, 429", "api_error, 500",
      "timeout_error, 504", "overloaded_error, 503", "brand_new_error, 500"})
  void eachErrorTypeStandsForAStatus(String type, int status) {
    assertThat(AnthropicErrors.status(type)).isEqualTo(status);
  }
}
