package dev.switchyard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.switchyard.metering.UsageRecord;
import dev.switchyard.testing.FakeUpstream;
import dev.switchyard.testing.Fixtures;
import dev.switchyard.testing.GatewayHarness;
import dev.switchyard.testing.HttpResult;
import dev.switchyard.testing.LeakGuard;
import dev.switchyard.testing.UpstreamReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual keys: made and revoked through the admin API, scoped to models, kept in storage. */
class KeysIT {
  private static final String MODELS = """
      providers:
        - name: openai
          kind: openai
          base_url: %s
          api_keys: ["%s"]
      models:
        - {name: gpt-4o, targets: [{provider: openai, model: gpt-4o}]}
        - {name: gpt-4o-mini, targets: [{provider: openai, model: gpt-4o-mini}]}
        - {name: o1-mini, targets: [{provider: openai, model: o1-mini}]}
        - {name: text-embedding-3-small, targets: [{provider: openai, model: text-embedding-3-small}]}
      """;
  private static FakeUpstream upstream;
  private static GatewayHarness gateway;

  @BeforeAll
  static void start() {
    upstream = FakeUpstream.start();
    gateway = GatewayHarness.start(MODELS.formatted(upstream.baseUrl(), LeakGuard.newUpstreamKey()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    upstream.close();
  }

  @BeforeEach
  void resetUpstream() {
    upstream.reset();
  }

  @Test
  void modelListShowsOnlyTheModelsTheKeyMayUse() {
    JsonNode key = gateway.createKey("{\"name\":\"t\",\"models\":[\"gpt-*\"]}");
    assertThat(key.path("id").asText()).isNotBlank();
    assertThat(key.path("key").asText()).startsWith("sk-sy-");

    List<String> listed = gateway.openAi(key.path("key").asText()).models().list().data().stream()
        .map(Model::id).toList();
    List<String> all = gateway.openAi().models().list().data().stream().map(Model::id).toList();

    assertThat(listed).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
    assertThat(all).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini", "o1-mini", "text-embedding-3-small");
    assertThat(gateway.openAi(key.path("key").asText()).models().retrieve("gpt-4o").id()).isEqualTo("gpt-4o");
    assertThatThrownBy(() -> gateway.openAi(key.path("key").asText()).models().retrieve("o1-mini"))
        .isInstanceOf(NotFoundException.class);
    HttpResult raw = gateway.get("/v1/models", key.path("key").asText());
    assertThat(raw.json().path("object").asText()).isEqualTo("list");
    raw.json().path("data").forEach(m -> assertThat(m.path("object").asText()).isEqualTo("model"));
  }

  @Test
  void keyListNeverShowsASecret() {
    JsonNode made = gateway.createKey("{\"name\":\"listed\",\"models\":[\"gpt-4o\"],\"metadata\":{\"team\":\"a\"}}");
    String secret = made.path("key").asText();

    HttpResult list = gateway.get("/admin/keys", GatewayHarness.MASTER_KEY);

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text()).doesNotContain(secret).doesNotContain(secret.substring(10));
    JsonNode entry = null;
    for (JsonNode key : list.json().path("data")) {
      assertThat(key.has("key")).isFalse();
      if (key.path("id").asText().equals(made.path("id").asText())) {
        entry = key;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.path("name").asText()).isEqualTo("listed");
    assertThat(entry.path("metadata").path("team").asText()).isEqualTo("a");
  }

  @Test
  void revokedKeyIsRefusedAtOnce() {
    upstream.enqueue(Fixtures.load("openai", "chat-text"));
    JsonNode made = gateway.createKey("{\"name\":\"short-lived\"}");
    String secret = made.path("key").asText();
    gateway.openAi(secret).chat().completions().create(question("gpt-4o")); // warms the key cache

    HttpResult deleted = gateway.delete("/admin/keys/" + made.path("id").asText(), GatewayHarness.MASTER_KEY);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    assertThatThrownBy(() -> gateway.openAi(secret).chat().completions().create(question("gpt-4o")))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    HttpResult models = gateway.get("/v1/models", secret);
    assertThat(models.status()).as(models.toString()).isEqualTo(401);
    assertThat(gateway.delete("/admin/keys/" + made.path("id").asText(), GatewayHarness.MASTER_KEY).status())
        .isEqualTo(404);
    assertThat(upstream.received()).hasSize(1);
  }

  @Test
  void expiredKeyIsRefused() {
    JsonNode made = gateway.createKey("{\"name\":\"old\",\"expires_at\":\"2000-01-01T00:00:00Z\"}");

    assertThatThrownBy(() -> gateway.openAi(made.path("key").asText()).chat().completions()
        .create(question("gpt-4o")))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.getMessage()).containsIgnoringCase("expired");
        });
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void keyUsedForAModelOutsideItsListIsForbidden() {
    JsonNode made = gateway.createKey("{\"name\":\"narrow\",\"models\":[\"gpt-*\"]}");

    assertThatThrownBy(() -> gateway.openAi(made.path("key").asText()).chat().completions()
        .create(question("o1-mini")))
        .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.type()).contains("permission_error");
        });
    HttpResult raw = gateway.post("/v1/chat/completions", made.path("key").asText(),
        "{\"model\":\"o1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(raw.status()).isEqualTo(403);
    assertThat(raw.json().at("/error/param").asText()).isEqualTo("model");
    assertThat(upstream.received()).isEmpty();
    UsageRecord record = gateway.usage().await(raw.header("x-request-id"));
    assertThat(record.keyId()).isEqualTo(made.path("id").asText());
    assertThat(record.outcome()).isEqualTo(UsageRecord.Outcome.REJECTED);
    assertThat(record.status()).isEqualTo(403);
  }

  @Test
  void adminApiRefusesAnyKeyButTheMasterKey() {
    String virtual = gateway.createKey("{\"name\":\"not-admin\"}").path("key").asText();
    String id = gateway.createKey("{\"name\":\"victim\"}").path("id").asText();

    assertThat(gateway.post("/admin/keys", virtual, "{\"name\":\"x\"}").status()).isEqualTo(403);
    assertThat(gateway.get("/admin/keys", virtual).status()).isEqualTo(403);
    assertThat(gateway.delete("/admin/keys/" + id, virtual).status()).isEqualTo(403);
    HttpResult anonymous = gateway.get("/admin/keys", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(gateway.get("/admin/keys", GatewayHarness.MASTER_KEY).text()).contains(id);
  }

  @Test
  void keysSurviveARestartWithASqliteFile(@TempDir Path dir) {
    Path file = dir.resolve("keys.db");
    try (FakeUpstream own = FakeUpstream.start();
        GatewayHarness persistent = GatewayHarness.builder(MODELS.formatted(own.baseUrl(), LeakGuard.newUpstreamKey()))
            .storage("sqlite:" + file).start()) {
      own.always(UpstreamReply.of(Fixtures.load("openai", "chat-text").first()));
      JsonNode kept = persistent.createKey("{\"name\":\"kept\",\"models\":[\"gpt-4o\"]}");
      JsonNode revoked = persistent.createKey("{\"name\":\"revoked\"}");
      assertThat(persistent.delete("/admin/keys/" + revoked.path("id").asText(), GatewayHarness.MASTER_KEY)
          .status()).isEqualTo(200);

      persistent.restart();

      assertThat(Files.exists(file)).isTrue();
      assertThat(persistent.openAi(kept.path("key").asText()).chat().completions().create(question("gpt-4o"))
          .choices()).hasSize(1);
      assertThat(persistent.get("/v1/models", revoked.path("key").asText()).status()).isEqualTo(401);
      assertThatThrownBy(() -> persistent.openAi(kept.path("key").asText()).chat().completions()
          .create(question("o1-mini"))).isInstanceOf(PermissionDeniedException.class);
      assertThat(persistent.get("/admin/keys", GatewayHarness.MASTER_KEY).text())
          .contains(kept.path("id").asText()).doesNotContain(revoked.path("id").asText());
    }
  }

  private static ChatCompletionCreateParams question(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the capital of France?").build();
  }
}
