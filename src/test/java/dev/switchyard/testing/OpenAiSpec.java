package dev.switchyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * OpenAI's published contract as a test oracle: validates JSON against a schema of
 * {@code ../shared/specs/openai-openapi.yaml} ({@code components/schemas/<Name>}, refs resolved
 * inside the document), and checks that a body reads back as the official SDK's own type.
 */
public final class OpenAiSpec {
  private static final Path SPEC = Fixtures.sharedDir().resolve("specs/openai-openapi.yaml");
  /**
   * JSON Schema 2020-12, which OpenAPI 3.1 schemas are, with OpenAPI's and OpenAI's extra keywords
   * ({@code discriminator}, {@code x-oaiMeta}...) read as annotations. The discriminators name no
   * mapping (their {@code role}/{@code type} values are not schema names), so the {@code oneOf}
   * beside each one does the real checking.
   */
  private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
      .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
      .build();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .discriminatorKeywordEnabled(false)
      .build();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private OpenAiSpec() {}

  /** The schema {@code #/components/schemas/<name>} of the spec. */
  public static JsonSchema schema(String name) {
    return SCHEMAS.computeIfAbsent(name, n -> {
      // Fragments are taken from the document loaded once: loading "file#/fragment" reloads the file.
      JsonSchema schema = Document.ROOT.getSubSchema(new JsonNodePath(PathType.JSON_POINTER)
          .append("components").append("schemas").append(n));
      schema.initializeValidators(); // resolve every $ref now, so a broken one fails here
      return schema;
    });
  }

  /** The whole spec, loaded on first use (about a second). */
  private static final class Document {
    static final JsonSchema ROOT = FACTORY.getSchema(SchemaLocation.of(SPEC.toUri().toString()), CONFIG);
  }

  /** What is wrong with {@code json} according to the named schema; empty when it is valid. */
  public static Set<String> problems(String schemaName, byte[] json) {
    JsonNode node = parse(json);
    return schema(schemaName).validate(node).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Fails unless {@code json} is valid per the named schema. */
  public static void assertValid(String schemaName, byte[] json) {
    Set<String> problems = problems(schemaName, json);
    if (!problems.isEmpty()) {
      throw new AssertionError(schemaName + " rejects the body:\n  " + String.join("\n  ", problems)
          + "\nbody: " + new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** A chat request body valid per the spec that also reads as the SDK's request type. */
  public static ChatCompletionCreateParams.Body assertChatRequest(byte[] json) {
    assertValid("CreateChatCompletionRequest", json);
    return readAs(json, ChatCompletionCreateParams.Body.class).validate();
  }

  /** An embeddings request body valid per the spec that also reads as the SDK's request type. */
  public static EmbeddingCreateParams.Body assertEmbeddingRequest(byte[] json) {
    assertValid("CreateEmbeddingRequest", json);
    return readAs(json, EmbeddingCreateParams.Body.class).validate();
  }

  /** Reads {@code json} with the SDK's own mapper as {@code type}. */
  public static <T> T readAs(byte[] json, Class<T> type) {
    try {
      return ObjectMappers.jsonMapper().readValue(json, type);
    } catch (IOException e) {
      throw new AssertionError("the SDK cannot read the body as " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return Fixtures.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
