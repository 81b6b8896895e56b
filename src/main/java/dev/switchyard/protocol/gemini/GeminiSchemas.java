package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonTrees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema and Gemini's {@code Schema} (the OpenAPI 3.0 subset of {@code content.proto}), in both
 * directions.
 *
 * <p>To Gemini: {@code type} becomes the proto's upper-case enum name; {@code type: [X, "null"]} is
 * X and {@code nullable}, several non-null types are an {@code anyOf} of one schema per type;
 * {@code const} is a one-value {@code enum}; {@code oneOf} is {@code anyOf} (Gemini has no
 * "exactly one", and the model's answer satisfies both alike in practice); {@code allOf} is merged
 * into one schema (properties joined, {@code required} united; a keyword two members set differently
 * keeps the first value and the other is named as dropped, as Claude Code's two {@code pattern}s on
 * one string are); the first of {@code examples} is {@code example}; local {@code $ref}s
 * ({@code #/$defs/...}, {@code #/definitions/...}, any JSON pointer into the schema) are inlined,
 * with the referring schema's own keywords laid over the target. A missing {@code type} is
 * {@code OBJECT} for a schema with properties, {@code ARRAY} with items, {@code STRING} with a
 * string enum, as Gemini requires one.
 *
 * <p>Refused with a 400: a recursive {@code $ref} and a {@code $ref} outside the schema — Gemini's
 * schema cannot express them and dropping them would change what the model may answer — and
 * schemas that inlining would blow up: {@code $ref}s referring to each other twice over can expand a
 * few kilobytes into billions of nodes, so the work is counted against a {@link Budget} shared by
 * the request's schemas ({@code server.limits.max_schema_nodes}), and nesting is capped.
 *
 * <p>Dropped, each named in the result so it can be reported: keywords Gemini's schema lacks
 * ({@code additionalProperties}, {@code $schema}, {@code exclusiveMinimum}, {@code multipleOf},
 * {@code patternProperties}, {@code not}, {@code uniqueItems}, tuple {@code items}...), formats
 * Gemini does not take (it takes {@code date-time}, {@code enum}, {@code float}, {@code double},
 * {@code int32}, {@code int64}), and enums of non-string values: Gemini's {@code enum} holds only
 * strings and is for STRING schemas, so stringifying the values would change the argument's type;
 * the allowed values are appended to the description instead so the model still sees them.
 */
final class GeminiSchemas {
  private static final Set<String> KEPT = Set.of("title", "description", "maxItems", "minItems",
      "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "propertyOrdering",
      "default", "minimum", "maximum", "required");
  /** Consumed while converting, so not reported as dropped. */
  private static final Set<String> CONSUMED = Set.of("type", "nullable", "enum", "const", "format", "items",
      "properties", "anyOf", "oneOf", "allOf", "$ref", "$defs", "definitions", "examples");
  private static final Set<String> FORMATS = Set.of("date-time", "enum", "float", "double", "int32", "int64");
  private static final Set<String> TYPES = Set.of("STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT",
      "NULL");

  /** A schema in Gemini's form, and the paths of what it could not carry. */
  record Converted(ObjectNode schema, List<String> dropped) {}

  /** The default of {@code server.limits.max_schema_nodes}. */
  static final int DEFAULT_MAX_NODES = 50_000;
  /** Deeper than any real tool schema; deep enough that the conversion's recursion stays well within its stack. */
  static final int MAX_DEPTH = 256;

  /** What one request's schemas may cost to convert, counted in schema keywords visited. */
  static final class Budget {
    private final int limit;
    private long left;

    Budget(int limit) {
      this.limit = limit;
      this.left = limit;
    }

    void spend(long nodes, String path) {
      left -= nodes;
      if (left < 0) {
        throw GatewayException.invalidRequest(path, path + ": the tool schemas expand past this gateway's limit of "
            + limit + " nodes once their $refs are inlined, which Gemini needs (server.limits.max_schema_nodes).");
      }
    }
  }

  private final JsonNode root;
  private final Budget budget;
  private final List<String> dropped = new ArrayList<>();
  private final Deque<String> expanding = new ArrayDeque<>();
  private int depth;

  private GeminiSchemas(JsonNode root, Budget budget) {
    this.root = root;
    this.budget = budget;
  }

  /** A JSON Schema as Gemini's {@code Schema}; {@code path} names it in errors and drops. */
  static Converted toGemini(JsonNode jsonSchema, String path, Budget budget) {
    GeminiSchemas converter = new GeminiSchemas(jsonSchema, budget);
    converter.expanding.push("#");
    return new Converted(converter.convert(jsonSchema, path), converter.dropped);
  }

  private ObjectNode convert(JsonNode schema, String path) {
    if (!schema.isObject()) {
      throw GatewayException.invalidRequest(path, path + ": a schema must be a JSON object.");
    }
    budget.spend(1 + schema.size(), path);
    if (++depth > MAX_DEPTH) {
      throw GatewayException.invalidRequest(path, path + ": the schema nests deeper than " + MAX_DEPTH
          + " levels once its $refs are inlined.");
    }
    try {
      return convertObject(schema, path);
    } finally {
      depth--;
    }
  }

  private ObjectNode convertObject(JsonNode schema, String path) {
    if (schema.has("$ref")) {
      return inline(schema, path);
    }
    JsonNode allOf = schema.path("allOf");
    if (allOf.isArray()) {
      ObjectNode merged = shallowCopy(schema, path);
      merged.remove("allOf");
      for (int i = 0; i < allOf.size(); i++) {
        mergeInto(merged, allOf.get(i), path + ".allOf[" + i + "]");
      }
      return convert(merged, path);
    }
    ObjectNode out = JsonTrees.object();
    typeAndNullable(schema, path, out);
    enumeration(schema, path, out);
    format(schema, path, out);
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      if (KEPT.contains(key)) {
        out.set(key, field.getValue());
      } else if (!CONSUMED.contains(key)) {
        dropped.add(path + "." + key);
      }
    }
    JsonNode examples = schema.path("examples");
    if (examples.isArray() && !examples.isEmpty() && !out.has("example")) {
      out.set("example", examples.get(0));
    }
    JsonNode properties = schema.path("properties");
    if (properties.isObject()) {
      ObjectNode converted = out.putObject("properties");
      properties.properties().forEach(p ->
          converted.set(p.getKey(), convert(p.getValue(), path + ".properties." + p.getKey())));
    }
    JsonNode items = schema.path("items");
    if (items.isObject()) {
      out.set("items", convert(items, path + ".items"));
    } else if (!items.isMissingNode()) {
      dropped.add(path + ".items");
    }
    JsonNode anyOf = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
    if (anyOf.isArray()) {
      String keyword = schema.has("anyOf") ? ".anyOf" : ".oneOf";
      ArrayNode converted = out.withArray("anyOf");
      for (int i = 0; i < anyOf.size(); i++) {
        converted.add(convert(anyOf.get(i), path + keyword + "[" + i + "]"));
      }
    }
    if (schema.has("anyOf") && schema.has("oneOf")) {
      dropped.add(path + ".oneOf");
    }
    if (!out.has("type") && !out.has("anyOf")) {
      String implied = out.has("properties") ? "OBJECT" : out.has("items") ? "ARRAY" : out.has("enum") ? "STRING" : null;
      if (implied != null) {
        out.put("type", implied);
      }
    }
    return out;
  }

  private void typeAndNullable(JsonNode schema, String path, ObjectNode out) {
    JsonNode type = schema.path("type");
    List<String> types = new ArrayList<>();
    if (type.isTextual()) {
      types.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    boolean nullable = schema.path("nullable").asBoolean(false);
    if (types.size() > 1 && types.remove("null")) {
      nullable = true;
    }
    if (types.size() == 1) {
      out.put("type", geminiType(types.get(0), path));
    } else if (types.size() > 1) {
      ArrayNode anyOf = out.putArray("anyOf");
      types.forEach(t -> anyOf.addObject().put("type", geminiType(t, path)));
    }
    if (nullable) {
      out.put("nullable", true);
    }
  }

  private static String geminiType(String jsonType, String path) {
    String upper = jsonType.toUpperCase(Locale.ROOT);
    if (!TYPES.contains(upper)) {
      throw GatewayException.invalidRequest(path, path + ".type: '" + jsonType + "' is not a JSON Schema type.");
    }
    return upper;
  }

  /** {@code enum} and {@code const}: string values carry over, others are named and described. */
  private void enumeration(JsonNode schema, String path, ObjectNode out) {
    JsonNode values = schema.has("enum") ? schema.get("enum") : null;
    String keyword = "enum";
    if (values == null && schema.has("const")) {
      values = JsonTrees.MAPPER.createArrayNode().add(schema.get("const"));
      keyword = "const";
    }
    if (values == null || !values.isArray()) {
      return;
    }
    List<JsonNode> strings = new ArrayList<>();
    boolean hasNull = false;
    boolean allStrings = true;
    for (JsonNode value : values) {
      if (value.isNull()) {
        hasNull = true;
      } else if (value.isTextual()) {
        strings.add(value);
      } else {
        allStrings = false;
      }
    }
    if (allStrings) {
      out.putArray("enum").addAll(strings);
      if (hasNull) {
        out.put("nullable", true);
      }
      return;
    }
    dropped.add(path + "." + keyword);
    List<String> written = new ArrayList<>();
    values.forEach(value -> written.add(JsonTrees.text(value)));
    String allowed = "Allowed values: " + String.join(", ", written) + ".";
    String description = schema.path("description").asText("");
    out.put("description", description.isEmpty() ? allowed : description + " " + allowed);
  }

  private void format(JsonNode schema, String path, ObjectNode out) {
    JsonNode format = schema.path("format");
    if (format.isMissingNode()) {
      return;
    }
    if (FORMATS.contains(format.asText())) {
      out.set("format", format);
    } else {
      dropped.add(path + ".format");
    }
  }

  /**
   * What a local {@code $ref} points at: a JSON pointer ({@code #/$defs/x}, {@code #} for the root),
   * or a plain name declared by {@code $anchor} (or draft-07's {@code "$id": "#name"}).
   */
  private JsonNode target(String ref, String path) {
    String fragment = ref.substring(1);
    if (fragment.isEmpty() || fragment.startsWith("/")) {
      return root.at(fragment);
    }
    Deque<JsonNode> toVisit = new ArrayDeque<>(List.of(root));
    while (!toVisit.isEmpty()) {
      JsonNode node = toVisit.pop();
      budget.spend(1, path);
      if (node.isObject() && (fragment.equals(node.path("$anchor").asText(null))
          || ref.equals(node.path("$id").asText(null)))) {
        return node;
      }
      if (node.isContainerNode()) {
        node.forEach(toVisit::push);
      }
    }
    return MissingNode.getInstance();
  }

  /** A local {@code $ref}'s target with the referring schema's other keywords laid over it. */
  private ObjectNode inline(JsonNode schema, String path) {
    String ref = schema.path("$ref").asText();
    if (!ref.startsWith("#")) {
      throw GatewayException.invalidRequest(path, path + ": the $ref '" + ref
          + "' points outside the schema, which Gemini cannot follow.");
    }
    if (expanding.contains(ref)) {
      throw GatewayException.invalidRequest(path, path + ": recursive $ref '" + ref
          + "' cannot be expressed in Gemini's schema.");
    }
    JsonNode target = target(ref, path);
    if (target.isMissingNode()) {
      throw GatewayException.invalidRequest(path, path + ": the $ref '" + ref + "' points nowhere in the schema.");
    }
    ObjectNode siblings = shallowCopy(schema, path);
    siblings.remove("$ref");
    expanding.push(ref);
    try {
      return convert(overlay(target, siblings, path), path);
    } finally {
      expanding.pop();
    }
  }

  /**
   * Adds an {@code allOf} member's keywords to {@code merged}: what it lacks is taken, properties
   * are joined (one named in both becomes an {@code allOf} of the two), {@code required} is united;
   * a keyword already set to another value keeps it, and the member's is named as dropped.
   */
  private void mergeInto(ObjectNode merged, JsonNode member, String path) {
    if (!member.isObject()) {
      throw GatewayException.invalidRequest(path, path + ": a schema must be a JSON object.");
    }
    for (Map.Entry<String, JsonNode> field : member.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = merged.get(key);
      budget.spend(1, path);
      if (existing == null) {
        merged.set(key, value); // shared, never changed: the merge writes only to copies
      } else if (existing.equals(value)) {
        continue;
      } else if (key.equals("properties") && existing.isObject() && value.isObject()) {
        ObjectNode properties = shallowCopy(existing, path);
        budget.spend(value.size(), path);
        value.properties().forEach(p -> properties.set(p.getKey(), properties.has(p.getKey())
            ? JsonTrees.object().set("allOf", JsonTrees.MAPPER.createArrayNode().add(properties.get(p.getKey()))
                .add(p.getValue()))
            : p.getValue()));
        merged.set(key, properties);
      } else if (key.equals("required") && existing.isArray() && value.isArray()) {
        ArrayNode required = ((ArrayNode) existing).deepCopy();
        budget.spend(existing.size() + value.size(), path);
        Set<JsonNode> named = new HashSet<>();
        required.forEach(named::add);
        value.forEach(name -> {
          if (named.add(name)) {
            required.add(name);
          }
        });
        merged.set(key, required);
      } else {
        dropped.add(path + "." + key);
      }
    }
  }

  private JsonNode overlay(JsonNode base, ObjectNode over, String path) {
    if (!base.isObject()) {
      return base;
    }
    ObjectNode merged = shallowCopy(base, path);
    merged.setAll(over);
    return merged;
  }

  /**
   * A new object holding the same members: a deep copy per inlined {@code $ref} would cost the
   * whole target each time, outside the budget. Members are shared, so nothing here changes them.
   */
  private ObjectNode shallowCopy(JsonNode object, String path) {
    budget.spend(object.size(), path);
    ObjectNode copy = JsonTrees.object();
    object.properties().forEach(member -> copy.set(member.getKey(), member.getValue()));
    return copy;
  }

  /**
   * Gemini's {@code Schema} (OpenAPI style, as a client's {@code parameters} or
   * {@code responseSchema}) as standard JSON Schema: lower-case types, {@code nullable} as a
   * {@code "null"} type, {@code example} as {@code examples}, int64 limits (strings in proto JSON)
   * as numbers; {@code propertyOrdering} stays as a keyword JSON Schema ignores.
   */
  static JsonNode toJsonSchema(JsonNode schema) {
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode out = JsonTrees.object();
    boolean nullable = false;
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = GeminiFields.camel(field.getKey());
      JsonNode value = field.getValue();
      switch (key) {
        case "type" -> {
          String type = value.asText().toLowerCase(Locale.ROOT);
          if (!type.equals("type_unspecified")) {
            out.put("type", type);
          }
        }
        case "nullable" -> nullable = value.asBoolean(false);
        case "items" -> out.set("items", toJsonSchema(value));
        case "anyOf" -> {
          ArrayNode anyOf = out.putArray("anyOf");
          value.forEach(s -> anyOf.add(toJsonSchema(s)));
        }
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.properties().forEach(p -> properties.set(p.getKey(), toJsonSchema(p.getValue())));
        }
        case "example" -> out.putArray("examples").add(value);
        case "maxItems", "minItems", "minProperties", "maxProperties", "minLength", "maxLength" ->
            out.set(key, value.isTextual() && value.asText().matches("-?\\d{1,18}") ? integer(value.asText()) : value);
        default -> out.set(key, value);
      }
    }
    if (nullable) {
      if (out.path("type").isTextual()) {
        String type = out.get("type").asText();
        out.putArray("type").add(type).add("null");
      } else if (out.has("anyOf")) {
        out.withArray("anyOf").addObject().put("type", "null");
      }
    }
    return out;
  }

  /** An int64 written as a string, as proto JSON writes one, as a number. */
  private static JsonNode integer(String digits) {
    long value = Long.parseLong(digits);
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }
}
