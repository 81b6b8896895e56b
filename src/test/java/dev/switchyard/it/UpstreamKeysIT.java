package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.ReceivedRequest;
import dev.switchyard.testing.UpstreamReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the gateway sends upstream of its own: the provider's keys, in turn, and its extra headers. */
class UpstreamKeysIT {
  private static final String FIRST = LeakGuard.newUpstreamKey();
  private static final String SECOND = LeakGuard.newUpstreamKey();
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    upstream.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));
    gateway = GatewayHarness.start("""
        providers:
          - name: openai
            kind: openai
            base_url: "%s"
            api_keys: ["%s", "%s"]
            headers: {x-team: blue, openai-organization: org-test}
        models:
          - {name: gpt-4o, targets: [{provider: openai}]}
        """.formatted(upstream.baseUrl(), FIRST, SECOND));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @Test
  void consecutiveRequestsCarryTheProviderKeysInTurn() {
    upstream.reset();
    upstream.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    for (int i = 0; i < 6; i++) {
      gateway.openAi().chat().completions().create(hello());
    }

    List<String> used = new ArrayList<>();
    for (ReceivedRequest request : upstream.received()) {
      used.add(request.header("authorization"));
    }
    assertThat(used).hasSize(6).containsOnly("Bearer " + FIRST, "Bearer " + SECOND);
    for (int i = 1; i < used.size(); i++) {
      assertThat(used.get(i)).as("request %d uses the other key than request %d", i, i - 1)
          .isNotEqualTo(used.get(i - 1));
    }
  }

  @Test
  void providerHeadersGoUpstreamAndTheClientsCredentialsDoNot() {
    upstream.reset();
    upstream.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));

    gateway.openAi().chat().completions().create(hello());

    ReceivedRequest received = upstream.takeRequest();
    assertThat(received.header("x-team")).isEqualTo("blue");
    assertThat(received.header("openai-organization")).isEqualTo("org-test");
    assertThat(received.header("content-type")).startsWith("application/json");
    assertThat(received.headers().get("authorization")).hasSize(1);
    assertThat(received.headers().toString()).doesNotContain(GatewayHarness.MASTER_KEY);
  }

  private static ChatCompletionCreateParams hello() {
    return ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi").build();
  }
}
