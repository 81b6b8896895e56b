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
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  @Test
  void modelsAsAnEmptyListIsRefusedAndAStarAllowsEveryModel() {
    HttpResult empty = gateway.post("/admin/keys", GatewayHarness.MASTER_KEY, "{\"name\":\"none\",\"models\":[]}");
    assertThat(empty.openAiError(400).path("param").asText()).isEqualTo("models");
    assertThat(empty.json().at("/error/message").asText()).contains("[\"*\"]");

    JsonNode star = gateway.createKey("{\"name\":\"every\",\"models\":[\"*\"]}");
    String secret = star.path("key").asText();

    assertThat(star.path("models")).hasSize(1);
    assertThat(gateway.openAi(secret).models().list().data().stream().map(Model::id).toList())
        .containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini", "o1-mini", "text-embedding-3-small");
    upstream.enqueue(Fixtures.load("openai", "chat-text"));
    assertThat(gateway.openAi(secret).chat().completions().create(question("o1-mini")).choices()).hasSize(1);
  }

  @Test
  void uploadsToTheAdminApiAreRefusedUnreadAndNeverReachTheDisk() throws IOException {
    Set<String> uploadsBefore = uploads();
    String virtual = gateway.createKey("{\"name\":\"not-admin\"}").path("key").asText();
    String boundary = "b0undary";
    byte[] multipart = ("--" + boundary + "\r\ncontent-disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
        + "content-type: application/octet-stream\r\n\r\n" + "x".repeat(20_000) + "\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8);
    Map<String, String> form = Map.of("content-type", "multipart/form-data; boundary=" + boundary);

    HttpResult keys = gateway.post("/admin/keys", null, multipart, form);
    HttpResult elsewhere = gateway.post("/admin/whatever", null, multipart, form);
    HttpResult notMaster = gateway.post("/admin/keys", virtual, multipart, form);
    HttpResult master = gateway.post("/admin/keys", GatewayHarness.MASTER_KEY, multipart, form);

    assertThat(keys.openAiError(401).path("type").asText()).isEqualTo("authentication_error");
    assertThat(elsewhere.openAiError(401).path("type").asText()).isEqualTo("authentication_error");
    assertThat(notMaster.openAiError(403).path("code").asText()).isEqualTo("master_key_required");
    assertThat(master.openAiError(415).path("message").asText()).contains("JSON only")
        .contains("multipart/form-data");
    assertThat(uploads()).as("files under ./" + BodyHandler.DEFAULT_UPLOADS_DIRECTORY).isEqualTo(uploadsBefore);
  }

  @Test
  void aStrangersBodyIsNotReadTheConnectionClosesInstead() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /admin/keys HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
          + "content-length: 100000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[64 * 1024]); // the start of a body that would take long to send whole
      out.flush();

      String answer = readUntilClosed(socket);

      assertThat(answer).startsWith("HTTP/1.1 401")
          .containsIgnoringCase("connection: close").contains("authentication_error");
    }
  }

  @Test
  void adminBodiesAreJsonOfAtMostTheConfiguredSize() {
    String oversize = "{\"name\":\"" + "n".repeat(70 * 1024) + "\"}";

    HttpResult declared = gateway.post("/admin/keys", GatewayHarness.MASTER_KEY, oversize);
    HttpResult chunked = gateway.postChunked("/admin/keys", GatewayHarness.MASTER_KEY,
        oversize.getBytes(StandardCharsets.UTF_8));
    HttpResult text = gateway.post("/admin/keys", GatewayHarness.MASTER_KEY,
        "{\"name\":\"t\"}".getBytes(StandardCharsets.UTF_8), Map.of("content-type", "text/plain"));

    for (HttpResult tooLarge : List.of(declared, chunked)) {
      assertThat(tooLarge.openAiError(413).path("message").asText()).contains("server.limits.max_admin_body_size");
    }
    assertThat(text.openAiError(415).path("message").asText()).contains("application/json");
    assertThat(gateway.createKey("{\"name\":\"" + "n".repeat(1000) + "\"}").path("key").asText())
        .startsWith("sk-sy-");
  }

  /**
   * What the gateway sends until it closes the connection. Closing with body bytes unread may
   * reset rather than end the connection, which counts as closed too; silence for the socket's
   * timeout fails.
   */
  private static String readUntilClosed(Socket socket) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection stayed open; received: " + received, e);
    } catch (SocketException reset) {
      // closed with the rest of the body unread: the end, too
    }
    return received.toString(StandardCharsets.US_ASCII);
  }

  /** The names under the folder vert.x-web would upload files to; null when there is no such folder. */
  private static Set<String> uploads() throws IOException {
    Path folder = Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY);
    if (!Files.exists(folder)) {
      return null;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(Path::toString).collect(Collectors.toSet());
    }
  }

  private static ChatCompletionCreateParams question(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the capital of France?").build();
  }
}
