package dev.switchyard.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.forwarding.FailoverStage;
import dev.switchyard.protocol.anthropic.AnthropicErrors;
import dev.switchyard.protocol.gemini.GeminiErrors;
import dev.switchyard.protocol.openai.OpenAiErrors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The one error vocabulary: each status has one kind, and each protocol has a word for every kind. */
class ErrorKindTest {

  @ParameterizedTest(name = "HTTP {0} is {1}, which fails over: {2}")
  @CsvSource({
      "400, INVALID_REQUEST, false", "422, INVALID_REQUEST, false", "401, AUTHENTICATION, true",
      "402, BILLING, false", "403, PERMISSION, true", "404, NOT_FOUND, false", "405, OTHER_CLIENT_ERROR, false",
      "408, TIMEOUT, true", "409, CONFLICT, false", "413, PAYLOAD_TOO_LARGE, false", "429, RATE_LIMITED, true",
      "499, CANCELLED, false", "500, PROVIDER_ERROR, true", "501, NOT_IMPLEMENTED, true",
      "502, UPSTREAM_UNAVAILABLE, true", "503, UNAVAILABLE, true", "504, TIMEOUT, true", "529, UNAVAILABLE, true",
      "599, PROVIDER_ERROR, true"})
  void eachProviderStatusHasOneKind(int status, ErrorKind kind, boolean failsOver) {
    assertThat(ErrorKind.ofStatus(status)).isEqualTo(kind);
    assertThat(FailoverStage.failsOver(status)).isEqualTo(failsOver);
  }

  @ParameterizedTest(name = "a provider's {0} reaches the client as {1}")
  @CsvSource({"400, 400", "422, 422", "429, 429", "500, 500", "503, 503", "529, 503"})
  void onlyAProvidersOwnStatusesAreMapped(int upstream, int client) {
    assertThat(ErrorKind.clientStatus(upstream)).isEqualTo(client);
  }

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void everyProtocolHasAWordForEveryKind(ErrorKind kind) {
    assertThat(OpenAiErrors.type(kind)).isNotBlank();
    assertThat(AnthropicErrors.type(kind)).isNotBlank();
    assertThat(GeminiErrors.grpcStatus(kind)).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(value = ErrorKind.class, names = {"INTERNAL", "OTHER_CLIENT_ERROR"}, mode = EnumSource.Mode.EXCLUDE)
  void eachKindsOwnStatusReadsBackAsThatKind(ErrorKind kind) {
    assertThat(ErrorKind.ofStatus(kind.status())).isEqualTo(kind);
  }

  @ParameterizedTest(name = "HTTP {0}: retryable {1}")
  @CsvSource({"200, false", "204, false", "301, false", "400, false", "401, false",
      "404, false", "422, false", "429, true", "500, true", "502, true", "503, true", "504, true", "529, true"})
  void onlyFailuresAnotherTryMayCureAreRetryable(int status, boolean retryable) {
    assertThat(ErrorKind.isRetryableStatus(status)).isEqualTo(retryable);
  }
}
