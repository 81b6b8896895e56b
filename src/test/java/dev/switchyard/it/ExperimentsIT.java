package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model name that is an experiment: traffic split between two models by percentage, each end
 * user kept to one variant whether named by header, OpenAI's {@code user} or Anthropic's
 * {@code metadata.user_id}, and the variant named in the answer. And rules that send requests
 * elsewhere by a header, the key's metadata or the key itself.
 */
class ExperimentsIT {
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayHarness.start("""
        providers:
          - {name: sim-a, kind: simulator}
          - {name: sim-b, kind: simulator}
        models:
          - {name: model-a, targets: [{provider: sim-a, model: echo}]}
          - {name: model-b, targets: [{provider: sim-b, model: echo}]}
        experiments:
          - name: chat-exp
            variants:
              - {name: control, model: model-a, percent: 30}
              - {model: model-b, percent: 70}
        routes:
          - {match: {header: {x-switchyard-tier: batch}}, use: model-b}
          - {match: {model: "summ-*", metadata: {team: research}}, use: model-a}
          - {match: {key: nightly}, use: chat-exp}
        """);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static HttpResult chat(String user, String bodyUser) {
    String body = "{\"model\":\"chat-exp\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (bodyUser == null ? "" : ",\"user\":\"" + bodyUser + "\"") + "}";
    return gateway.post("/v1/chat/completions", GatewayHarness.MASTER_KEY, body.getBytes(StandardCharsets.UTF_8),
        user == null ? Map.of("content-type", "application/json")
            : Map.of("content-type", "application/json", "x-switchyard-user", user));
  }

  @Test
  void theSplitFollowsThePercentagesAcrossUsers() {
    int control = 0;
    int requests = 2_000;
    for (int i = 0; i < requests; i++) {
      HttpResult answer = chat("user-" + i, null);
      assertThat(answer.status()).isEqualTo(200);
      if ("control".equals(answer.header("x-switchyard-variant"))) {
        assertThat(answer.header("x-switchyard-provider")).isEqualTo("sim-a");
        control++;
      } else {
        assertThat(answer.header("x-switchyard-variant")).isEqualTo("model-b");
        assertThat(answer.header("x-switchyard-provider")).isEqualTo("sim-b");
      }
    }

    assertThat(control / (double) requests).as("share of the 30% variant").isBetween(0.27, 0.33);
  }

  @Test
  void eachUserKeepsToOneVariantWhereverTheUserIsNamed() {
    for (int u = 0; u < 20; u++) {
      Set<String> byHeader = new HashSet<>();
      Set<String> byBody = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        byHeader.add(chat("sticky-" + u, null).header("x-switchyard-variant"));
        byBody.add(chat(null, "sticky-" + u).header("x-switchyard-variant"));
      }
      assertThat(byHeader).hasSize(1);
      assertThat(byBody).isEqualTo(byHeader);
    }
  }

  @Test
  void anAnthropicClientIsKeptToOneVariantByItsMetadataUserId() {
    Set<String> variants = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      HttpResult answer = gateway.post("/anthropic/v1/messages", GatewayHarness.MASTER_KEY,
          "{\"model\":\"chat-exp\",\"max_tokens\":10,\"metadata\":{\"user_id\":\"claude-user-7\"},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(answer.status()).isEqualTo(200);
      variants.add(answer.header("x-switchyard-variant"));
    }

    assertThat(variants).hasSize(1);
    assertThat(variants.iterator().next()).isEqualTo(chat("claude-user-7", null).header("x-switchyard-variant"));
  }

  @Test
  void theExperimentIsListedAsAModel() {
    assertThat(gateway.get("/v1/models", GatewayHarness.MASTER_KEY).json().path("data").findValuesAsText("id"))
        .contains("chat-exp", "model-a", "model-b");
  }

  private static HttpResult chatWith(String key, String model, Map<String, String> headers) {
    java.util.Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("content-type", "application/json");
    return gateway.post("/v1/chat/completions", key, ("{\"model\":\"" + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").getBytes(StandardCharsets.UTF_8), all);
  }

  @Test
  void aRuleSendsBatchTrafficToAnotherModelAndSaysSoWhenAsked() {
    HttpResult batch = chatWith(GatewayHarness.MASTER_KEY, "model-a",
        Map.of("x-switchyard-tier", "Batch", "x-switchyard-debug", "route"));
    HttpResult interactive = chatWith(GatewayHarness.MASTER_KEY, "model-a", Map.of());

    assertThat(batch.header("x-switchyard-provider")).isEqualTo("sim-b");
    assertThat(batch.header("x-switchyard-route")).startsWith("rule 1 -> model-b; model=model-b");
    assertThat(interactive.header("x-switchyard-provider")).isEqualTo("sim-a");
  }

  @Test
  void aRuleMatchesOnTheKeysMetadataOrTheKeyItself() {
    String research = gateway.createKey("{\"name\":\"research-bot\",\"metadata\":{\"team\":\"research\"}}")
        .path("key").asText();
    String sales = gateway.createKey("{\"name\":\"sales-bot\",\"metadata\":{\"team\":\"sales\"}}")
        .path("key").asText();
    String nightly = gateway.createKey("{\"name\":\"nightly\"}").path("key").asText();

    assertThat(chatWith(research, "summ-daily", Map.of()).header("x-switchyard-provider")).isEqualTo("sim-a");
    assertThat(chatWith(sales, "summ-daily", Map.of()).status()).as("no rule for sales: no such model").isEqualTo(404);
    assertThat(chatWith(nightly, "model-a", Map.of()).header("x-switchyard-variant")).isNotNull();
  }
}
