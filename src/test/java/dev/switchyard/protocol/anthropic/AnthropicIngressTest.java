package dev.switchyard.protocol.anthropic;

import static dev.switchyard.protocol.anthropic.AnthropicTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.RequestHead;
import dev.switchyard.testing.ClaudeCodeCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The field type checks of {@code /anthropic/v1/messages} and its count_tokens, before anything goes upstream. */
class AnthropicIngressTest {
  private static final RequestHead HEAD = RequestHead.of("/anthropic/v1/messages");

  @Test
  void claudeCodesCapturedRequestPassesTheChecks() {
    AnthropicRequest request = (AnthropicRequest) AnthropicIngress.messages().parse(HEAD, ClaudeCodeCapture.request());
    assertThat(request.model()).isEqualTo("gpt-5-mini");
    assertThat(request.stream()).isTrue();
  }

  @Test
  void countTokensTakesTheSameThinkingOutputConfigAndContextManagement() {
    AnthropicRequest request = (AnthropicRequest) AnthropicIngress.countTokens().parse(HEAD, utf8("""
        {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"system","content":"s"}],
         "thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"high"},
         "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]}}"""));
    assertThat(request.model()).isEqualTo("m");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"output_config\":\"high\"         | 'output_config'",
      "\"context_management\":[]          | 'context_management'",
      "\"thinking\":\"adaptive\"          | 'thinking'"})
  void fieldsOfAnotherShapeAreA400NamingThem(String field, String named) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> AnthropicIngress.messages().parse(HEAD,
        utf8("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]," + field + "}")));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains(named.strip());
  }
}
