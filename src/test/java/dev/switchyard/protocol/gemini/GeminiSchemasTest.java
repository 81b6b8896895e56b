package dev.switchyard.protocol.gemini;

import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.json;
import static dev.switchyard.protocol.gemini.GeminiRequestTestSupport.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Schema to Gemini's Schema subset and back. */
class GeminiSchemasTest {
  private static GeminiSchemas.Converted toGemini(String schema) {
    return GeminiSchemas.toGemini(json(schema), "tools[0].parameters",
        new GeminiSchemas.Budget(GeminiSchemas.DEFAULT_MAX_NODES));
  }

  /** 30 definitions, each naming the one before twice: inlined whole it would be 2^30 schemas. */
  private static String doublingDefinitions(int count) {
    StringBuilder defs = new StringBuilder("{\"$defs\":{\"d0\":{\"type\":\"string\"}");
    for (int i = 1; i < count; i++) {
      defs.append(",\"d").append(i).append("\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/d")
          .append(i - 1).append("\"},\"b\":{\"$ref\":\"#/$defs/d").append(i - 1).append("\"}}}");
    }
    return defs.append("},\"$ref\":\"#/$defs/d").append(count - 1).append("\"}").toString();
  }

  @Test
  void aRefByAnchorNameIsFollowed() {
    GeminiSchemas.Converted converted = toGemini(
        "{\"$defs\":{\"a\":{\"$anchor\":\"a\",\"type\":\"string\"}},\"type\":\"object\","
            + "\"properties\":{\"x\":{\"$ref\":\"#a\"},\"y\":{\"$ref\":\"#b\"}},"
            + "\"definitions\":{\"b\":{\"$id\":\"#b\",\"type\":\"integer\"}}}");

    assertThat(converted.schema().path("properties").path("x").path("type").asText()).isEqualTo("STRING");
    assertThat(converted.schema().path("properties").path("y").path("type").asText()).isEqualTo("INTEGER");
  }

  @Test
  void aRefToAnUnknownNameOrItselfIsTheClients400() {
    assertThat(rejection(() -> toGemini("{\"$ref\":\"#nowhere\"}")).getMessage()).contains("points nowhere");
    assertThat(rejection(() -> toGemini("{\"$id\":\"#x\",\"$ref\":\"#x\"}")).getMessage()).contains("recursive");
  }

  @Test
  void anExpansionBombIsRefusedWithinItsBudgetNotExpanded() {
    String bomb = doublingDefinitions(30);
    assertThat(bomb.length()).isLessThan(4000);
    long started = System.nanoTime();

    String message = rejection(() -> toGemini(bomb)).getMessage();

    assertThat(message).contains("server.limits.max_schema_nodes").contains("50000 nodes");
    assertThat(System.nanoTime() - started).as("refused at once").isLessThan(2_000_000_000L);
  }

  @Test
  void aModestSharedDefinitionStillInlinesWithinTheBudget() {
    GeminiSchemas.Converted converted = toGemini(doublingDefinitions(8)); // 2^8 leaves: a real schema's size

    assertThat(converted.schema().path("properties").path("a").path("properties").path("b").path("type").asText())
        .isEqualTo("OBJECT");
  }

  @Test
  void theBudgetIsSharedByTheRequestsSchemas() {
    GeminiSchemas.Budget budget = new GeminiSchemas.Budget(60); // each of these costs 7: 3 schemas, 4 keywords
    String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}}";
    for (int i = 0; i < 8; i++) {
      GeminiSchemas.toGemini(json(schema), "tools[" + i + "].parameters", budget);
    }

    assertThat(rejection(() -> GeminiSchemas.toGemini(json(schema), "tools[8].parameters", budget)).getMessage())
        .startsWith("tools[8].parameters").contains("60 nodes");
  }

  /** Each row: a JSON Schema, the Gemini schema it becomes, what was dropped ("|"-separated). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"type":"string"}; {"type":"STRING"};
      {"type":["string","null"]}; {"type":"STRING","nullable":true};
      {"type":["string","integer"]}; {"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]};
      {"type":"string","const":"a"}; {"type":"STRING","enum":["a"]};
      {"enum":["a","b",null]}; {"enum":["a","b"],"nullable":true,"type":"STRING"};
      {"type":"integer","enum":[1,2]}; {"type":"INTEGER","description":"Allowed values: 1, 2."}; tools[0].parameters.enum
      {"oneOf":[{"type":"string"},{"type":"number"}]}; {"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]};
      {"allOf":[{"type":"string"}],"description":"d"}; {"type":"STRING","description":"d"};
      {"allOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"properties":{"b":{"type":"integer"}},"required":["b"]}],"required":["a"]}; {"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"INTEGER"}},"required":["a","b"]};
      {"type":"string","allOf":[{"pattern":"^a"},{"pattern":"z$"}]}; {"type":"STRING","pattern":"^a"}; tools[0].parameters.allOf[1].pattern
      {"type":"object","properties":{"a":{"type":"string"}},"allOf":[{"properties":{"a":{"maxLength":3}}}]}; {"type":"OBJECT","properties":{"a":{"type":"STRING","maxLength":3}}};
      {"type":"string","format":"date-time"}; {"type":"STRING","format":"date-time"};
      {"type":"string","format":"email"}; {"type":"STRING"}; tools[0].parameters.format
      {"type":"string","examples":["x","y"]}; {"type":"STRING","example":"x"};
      {"properties":{"a":{"type":"string"}}}; {"type":"OBJECT","properties":{"a":{"type":"STRING"}}};
      {"items":{"type":"string"},"minItems":1,"maxItems":3}; {"type":"ARRAY","items":{"type":"STRING"},"minItems":1,"maxItems":3};
      {"type":"number","minimum":0,"maximum":1,"default":0.5}; {"type":"NUMBER","minimum":0,"maximum":1,"default":0.5};
      {"type":"string","minLength":1,"maxLength":9,"pattern":"^a","title":"T"}; {"type":"STRING","minLength":1,"maxLength":9,"pattern":"^a","title":"T"};
      {"type":"object","additionalProperties":false,"$schema":"x","properties":{"n":{"type":"number","exclusiveMinimum":0,"multipleOf":2}},"required":["n"]}; {"type":"OBJECT","properties":{"n":{"type":"NUMBER"}},"required":["n"]}; tools[0].parameters.additionalProperties|tools[0].parameters.$schema|tools[0].parameters.properties.n.exclusiveMinimum|tools[0].parameters.properties.n.multipleOf
      {"type":"array","items":[{"type":"string"}],"uniqueItems":true}; {"type":"ARRAY"}; tools[0].parameters.uniqueItems|tools[0].parameters.items
      {"type":"object","properties":{"a":{"$ref":"#/$defs/A"},"b":{"$ref":"#/definitions/B","description":"over"}},"$defs":{"A":{"type":"string"}},"definitions":{"B":{"type":"integer","description":"base"}}}; {"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"INTEGER","description":"over"}}};
      {"type":"object","properties":{"x":{"type":"string"}},"propertyOrdering":["x"],"minProperties":1,"maxProperties":2}; {"type":"OBJECT","properties":{"x":{"type":"STRING"}},"propertyOrdering":["x"],"minProperties":1,"maxProperties":2};
      """)
  void jsonSchemaBecomesGeminisSubset(String schema, String expected, String dropped) {
    GeminiSchemas.Converted converted = toGemini(schema);
    assertThat(GeminiRequestTestSupport.sameJson(converted.schema(), json(expected)))
        .as("%s", converted.schema()).isTrue();
    assertThat(converted.dropped()).containsExactlyInAnyOrderElementsOf(
        dropped == null ? List.of() : List.of(dropped.split("\\|")));
    Schema.fromJson(converted.schema().toString()); // the SDK's type reads it
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"type":"object","properties":{"next":{"$ref":"#"}}}; tools[0].parameters.properties.next: recursive $ref '#' cannot be expressed in Gemini's schema
      {"$defs":{"N":{"type":"object","properties":{"c":{"type":"array","items":{"$ref":"#/$defs/N"}}}}},"$ref":"#/$defs/N"}; tools[0].parameters.properties.c.items: recursive $ref '#/$defs/N' cannot be expressed in Gemini's schema
      {"$ref":"https://example.com/s.json"}; points outside the schema
      {"$ref":"#/$defs/missing"}; points nowhere
      {"type":"tuple"}; 'tuple' is not a JSON Schema type
      """)
  void whatGeminisSchemaCannotExpressIsRefused(String schema, String message) {
    assertThat(rejection(() -> toGemini(schema)).getMessage()).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      {"type":"STRING"}; {"type":"string"}
      {"type":"STRING","nullable":true}; {"type":["string","null"]}
      {"anyOf":[{"type":"STRING"}],"nullable":true}; {"anyOf":[{"type":"string"},{"type":"null"}]}
      {"type":"OBJECT","properties":{"a":{"type":"ARRAY","items":{"type":"INTEGER"},"max_items":"5"}},"required":["a"],"property_ordering":["a"]}; {"type":"object","properties":{"a":{"type":"array","items":{"type":"integer"},"maxItems":5}},"required":["a"],"propertyOrdering":["a"]}
      {"type":"STRING","example":"x","format":"enum","enum":["x"]}; {"type":"string","examples":["x"],"format":"enum","enum":["x"]}
      {"type":"TYPE_UNSPECIFIED","description":"any"}; {"description":"any"}
      """)
  void geminiSchemaBecomesJsonSchema(String schema, String expected) {
    assertThat(GeminiSchemas.toJsonSchema(json(schema))).isEqualTo(json(expected));
  }

  @Test
  void aSchemaConvertedToGeminiAndBackKeepsItsMeaning() {
    String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":[\"string\",\"null\"]},"
        + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}},\"required\":[\"city\"]}";
    assertThat(GeminiSchemas.toJsonSchema(toGemini(schema).schema())).isEqualTo(json(schema));
  }
}
