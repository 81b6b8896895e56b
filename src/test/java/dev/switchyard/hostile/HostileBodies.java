package dev.switchyard.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchyard.provider.WireProtocol;
import dev.switchyard.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Makes one hostile request from a recorded seed, every choice drawn from one {@link Random} so a
 * case is the same bytes on every run. Most mutations edit the parsed tree (wrong types, missing
 * and unknown fields, odd values for the fields translators read, messages and tool schemas of
 * wrong shapes); what a tree cannot hold (out-of-range number literals, repeated keys, nesting
 * deeper than any parser allows) goes in as a placeholder replaced by raw text after writing, and
 * byte-level damage (invalid UTF-8, truncation, non-JSON) is done to the written bytes.
 */
final class HostileBodies {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a case does to its seed, with its share of the cases in per mille (they add up to 1000). */
  enum Kind {
    IDENTITY(20), TYPE_SWAP(130), GRAFT(60), REMOVE_FIELD(70), UNKNOWN_FIELD(60), KNOWN_FIELD(120),
    MESSAGES_SHAPE(110), TOOL_SCHEMA(100), NUMBER_RANGE(35), ODD_ESCAPES(30), DUPLICATE_KEY(20), DEEP_NESTING(25),
    HUGE(4), INVALID_UTF8(35), TRUNCATE(35), EMPTY(6), NON_JSON(30), FOREIGN_SEED(20), GEMINI_PATH(20), COMBO(70);

    private final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** Each client protocol's endpoints, as often as each is taken. */
  private static final List<List<FuzzEndpoint>> ROTATIONS = List.of(
      List.of(FuzzEndpoint.OPENAI_CHAT, FuzzEndpoint.OPENAI_CHAT, FuzzEndpoint.OPENAI_CHAT,
          FuzzEndpoint.OPENAI_EMBEDDINGS),
      List.of(FuzzEndpoint.ANTHROPIC_MESSAGES, FuzzEndpoint.ANTHROPIC_MESSAGES, FuzzEndpoint.ANTHROPIC_MESSAGES,
          FuzzEndpoint.ANTHROPIC_COUNT_TOKENS),
      List.of(FuzzEndpoint.GEMINI_GENERATE, FuzzEndpoint.GEMINI_STREAM_SSE, FuzzEndpoint.GEMINI_GENERATE,
          FuzzEndpoint.GEMINI_STREAM_ARRAY, FuzzEndpoint.GEMINI_COUNT_TOKENS, FuzzEndpoint.GEMINI_EMBED,
          FuzzEndpoint.GEMINI_STREAM_SSE, FuzzEndpoint.GEMINI_BATCH_EMBED));

  private static final List<Kind> TREE_KINDS = List.of(Kind.TYPE_SWAP, Kind.GRAFT, Kind.REMOVE_FIELD,
      Kind.UNKNOWN_FIELD, Kind.KNOWN_FIELD, Kind.MESSAGES_SHAPE, Kind.TOOL_SCHEMA, Kind.NUMBER_RANGE,
      Kind.ODD_ESCAPES, Kind.DUPLICATE_KEY);

  private static final List<String> OPENAI_KEYS = List.of("model", "messages", "stream", "stream_options",
      "include_usage", "tools", "tool_choice", "parallel_tool_calls", "response_format", "json_schema", "schema",
      "strict", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n", "stop", "presence_penalty",
      "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "seed", "user", "reasoning_effort", "modalities",
      "audio", "prediction", "metadata", "store", "service_tier", "functions", "function_call", "verbosity", "role",
      "content", "name", "tool_calls", "tool_call_id", "refusal", "reasoning_content", "type", "text", "image_url",
      "url", "detail", "input_audio", "data", "format", "file", "file_data", "file_id", "filename", "function",
      "arguments", "parameters", "description", "id", "input", "dimensions", "encoding_format");
  private static final List<String> ANTHROPIC_KEYS = List.of("model", "messages", "max_tokens", "system", "stream",
      "tools", "tool_choice", "disable_parallel_tool_use", "temperature", "top_p", "top_k", "stop_sequences",
      "metadata", "user_id", "thinking", "budget_tokens", "display", "output_config", "effort", "format", "schema",
      "context_management", "mcp_servers", "container", "service_tier", "output_format", "role", "content", "type",
      "text", "source", "media_type", "data", "url", "id", "name", "input", "input_schema", "tool_use_id",
      "is_error", "signature", "thinking", "cache_control", "citations", "title", "context", "description", "strict",
      "defer_loading", "file_id");
  private static final List<String> GEMINI_KEYS = List.of("contents", "role", "parts", "text", "thought",
      "thoughtSignature", "inlineData", "inline_data", "mimeType", "mime_type", "data", "fileData", "fileUri",
      "functionCall", "function_call", "functionResponse", "function_response", "name", "args", "response", "id",
      "executableCode", "codeExecutionResult", "systemInstruction", "system_instruction", "tools",
      "functionDeclarations", "function_declarations", "parameters", "parametersJsonSchema", "description",
      "googleSearch", "codeExecution", "toolConfig", "functionCallingConfig", "mode", "allowedFunctionNames",
      "generationConfig", "generation_config", "temperature", "topP", "topK", "candidateCount", "maxOutputTokens",
      "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities",
      "thinkingConfig", "thinkingBudget", "includeThoughts", "thinkingLevel", "seed", "presencePenalty",
      "frequencyPenalty", "safetySettings", "category", "threshold", "cachedContent", "labels", "content", "taskType",
      "title", "outputDimensionality", "requests", "model", "generateContentRequest");
  private static final List<String> ODD_KEYS = List.of("x_unknown_field", "__proto__", "constructor", "", " ",
      "model ", "MODEL", "Model", "$ref", "$defs", "\u0000", "\u00e9t\u00e9", "\ud83d\ude00", "k".repeat(2000),
      "stream\u0000", "extra_body", "a.b", "a/b", "~0~1");
  /** String values a translator branches on, and some it must not trust. */
  private static final List<String> VOCABULARY = List.of("user", "assistant", "system", "developer", "tool",
      "function", "model", "text", "image_url", "input_audio", "file", "image", "document", "tool_use",
      "tool_result", "thinking", "redacted_thinking", "server_tool_use", "web_search", "json_schema", "json_object",
      "auto", "any", "none", "required", "enabled", "adaptive", "disabled", "omitted", "base64", "url", "ANY", "AUTO",
      "NONE", "VALIDATED", "STOP", "MAX_TOKENS", "image/png", "image/jpeg", "application/pdf", "audio/wav",
      "text/plain", "application/json", "float", "low", "medium", "high", "minimal", "xhigh", "max",
      "data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,!!!", "data:;base64,", "data:",
      "data:image/png,raw", "data:text/plain;charset=utf-8;base64,aGk=", "http://127.0.0.1:9/cat.png",
      "http://[::1]:9/doc.pdf", "file:///etc/passwd", "gs://bucket/a.png", "iVBORw0KGgo=", "!!!not-base64",
      "{\"a\":1}", "{bad json", "[1,2]", "ephemeral", "RETRIEVAL_QUERY", "HARM_CATEGORY_HATE_SPEECH", "BLOCK_NONE",
      "TEXT", "IMAGE", "AUDIO", "object", "string", "array", "integer", "number", "boolean", "null", "#/$defs/a",
      "#", "get_weather", "on-openai", "on-anthropic", "on-gemini", "models/on-gemini", "wav", "mp3", "5m", "1h");
  private static final List<String> ODD_STRINGS = List.of("", " ", "x", "null", "true", "0", "-1", "\u0000",
      "\u202e", "\ud83d\ude00", "\ufeff", "a\nb\r\nc", "\"quoted\"", "\\", "<script>", "../../etc/passwd", "%s%n%x",
      "${jndi:ldap://127.0.0.1:9/a}", "\ud800\udc00", "x".repeat(10_000));
  /** Number literals beyond what double, long or int can hold, and the ones parsers get wrong. */
  private static final List<String> ODD_NUMBERS = List.of("1e400", "-1e400", "1e-400", "-0", "-0.0", "0e0",
      "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808", "2147483648",
      "-2147483649", "4294967296", "1.7976931348623157e309", "1E+308", "0.00000000000000000000000000001",
      "100000000000000000000.5", "1e99999999", "-1e-99999999", "2.5", "-1", "0", "1" + "0".repeat(900));
  /**
   * String literals whose escapes decode to what UTF-8 cannot hold (lone and reversed surrogates)
   * or what text should not hold (NUL, non-characters).
   */
  private static final List<String> ODD_ESCAPED_STRINGS = List.of("\"\\ud800\"", "\"\\udc00x\"",
      "\"a\\ud83d\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"x\\u0000y\"", "\"\\ufffe\\uffff\"",
      "\"\\/\\b\\f\"", "\"\\ud83d\\ude00\"", "\"\\u202e\\u200b\"");
  /** Integers at the edges of int and long, where arithmetic on a budget or a count overflows. */
  private static final List<JsonNode> EXTREME_INTEGERS = List.of(IntNode.valueOf(Integer.MAX_VALUE),
      IntNode.valueOf(Integer.MIN_VALUE), LongNode.valueOf(Integer.MAX_VALUE + 1L), LongNode.valueOf(Long.MAX_VALUE),
      LongNode.valueOf(Long.MIN_VALUE), IntNode.valueOf(0), IntNode.valueOf(1));
  private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0,
      (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0x80},
      new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, new byte[] {(byte) 0xc3}, new byte[] {0},
      new byte[] {(byte) 0xfe, (byte) 0xff}, new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
          (byte) 0x80});

  private final Random random;
  private final FuzzEndpoint endpoint;
  private final FuzzModel model;
  private final FuzzSeeds seeds;
  private final List<String> applied = new ArrayList<>();
  private final Map<String, String> rawSlots = new LinkedHashMap<>();
  private JsonNode root;
  private byte[] rawBody;
  private String modelSegment;
  private String geminiMethod;

  private HostileBodies(Random random, FuzzEndpoint endpoint, FuzzModel model, FuzzSeeds seeds) {
    this.random = random;
    this.endpoint = endpoint;
    this.model = model;
    this.seeds = seeds;
    this.modelSegment = model.routeName();
    this.geminiMethod = endpoint.geminiMethod();
  }

  /**
   * Case {@code index}: its client protocol, model and endpoint taken in turn (so every protocol gets
   * a third of the cases, each on every model, mostly on its chat endpoint), everything else drawn
   * from {@code random}.
   */
  static FuzzCase make(int index, Random random, FuzzSeeds seeds) {
    List<FuzzEndpoint> rotation = ROTATIONS.get(index % ROTATIONS.size());
    FuzzModel model = FuzzModel.values()[(index / ROTATIONS.size()) % FuzzModel.values().length];
    FuzzEndpoint endpoint = rotation.get((index / (ROTATIONS.size() * FuzzModel.values().length)) % rotation.size());
    HostileBodies bodies = new HostileBodies(random, endpoint, model, seeds);
    return bodies.build(index);
  }

  private FuzzCase build(int index) {
    List<ObjectNode> candidates = seeds.of(endpoint);
    int seedIndex = random.nextInt(candidates.size());
    root = prepare(candidates.get(seedIndex), endpoint);
    applied.add("seed " + endpoint + "#" + seedIndex);
    if (endpoint.streamsByFlag()) {
      boolean stream = random.nextInt(10) < 4;
      ((ObjectNode) root).put("stream", stream);
    }
    apply(pickKind());
    byte[] body = rawBody != null ? rawBody : write();
    String path = endpoint.modelInBody() ? endpoint.path(model.routeName())
        : FuzzEndpoint.geminiPath(modelSegment, geminiMethod);
    return new FuzzCase(index, endpoint, model, path, headers(), random.nextInt(12) == 0, body, List.copyOf(applied));
  }

  /** Now and then a content-type that is not JSON's, or an Anthropic header no one has heard of. */
  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextInt(20) == 0) {
      headers.put("content-type", pick(List.of("text/plain", "application/x-www-form-urlencoded",
          "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "multipart/form-data; boundary=x",
          "application/octet-stream", "*/*")));
    }
    if (endpoint.protocol() == WireProtocol.ANTHROPIC && random.nextInt(10) == 0) {
      headers.put(pick(List.of("anthropic-beta", "anthropic-version")), pick(List.of("1999-01-01", "",
          "context-1m-2025-08-07,interleaved-thinking-2025-05-14", "x".repeat(300), "unknown-beta, ,")));
    }
    return headers;
  }

  /** A copy of {@code seed} asking for this case's model wherever its endpoint names one. */
  private ObjectNode prepare(ObjectNode seed, FuzzEndpoint target) {
    ObjectNode body = seed.deepCopy();
    if (target.modelInBody()) {
      body.put("model", model.routeName());
    }
    String qualified = "models/" + model.routeName();
    if (body.has("model") && !target.modelInBody()) {
      body.put("model", qualified);
    }
    for (JsonNode entry : body.path("requests")) {
      if (entry instanceof ObjectNode request) {
        request.put("model", qualified);
      }
    }
    if (body.path("generateContentRequest") instanceof ObjectNode inner) {
      inner.put("model", qualified);
    }
    return body;
  }

  private Kind pickKind() {
    int total = 0;
    for (Kind kind : Kind.values()) {
      total += kind.weight;
    }
    int roll = random.nextInt(total);
    for (Kind kind : Kind.values()) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    throw new IllegalStateException();
  }

  private void apply(Kind kind) {
    switch (kind) {
      case IDENTITY -> applied.add("identity");
      case TYPE_SWAP -> typeSwap();
      case GRAFT -> graft();
      case REMOVE_FIELD -> removeField();
      case UNKNOWN_FIELD -> unknownField();
      case KNOWN_FIELD -> knownField();
      case MESSAGES_SHAPE -> messagesShape();
      case TOOL_SCHEMA -> toolSchema();
      case NUMBER_RANGE -> numberRange();
      case ODD_ESCAPES -> oddEscapes();
      case DUPLICATE_KEY -> duplicateKey();
      case DEEP_NESTING -> deepNesting();
      case HUGE -> huge();
      case INVALID_UTF8 -> invalidUtf8();
      case TRUNCATE -> truncate();
      case EMPTY -> {
        applied.add("empty body");
        rawBody = new byte[0];
      }
      case NON_JSON -> nonJson();
      case FOREIGN_SEED -> foreignSeed();
      case GEMINI_PATH -> geminiPath();
      case COMBO -> {
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          apply(TREE_KINDS.get(random.nextInt(TREE_KINDS.size())));
        }
      }
    }
  }

  // ---- where in the tree ----

  /** One value's place: a member of an object or an element of an array, with its JSON pointer. */
  private record Place(ContainerNode<?> parent, String field, int index, String pointer) {
    JsonNode get() {
      return parent instanceof ObjectNode object ? object.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private List<Place> places() {
    List<Place> places = new ArrayList<>();
    collect(root, "", places);
    return places;
  }

  private static void collect(JsonNode node, String pointer, List<Place> places) {
    if (places.size() >= 50_000) {
      return;
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        String at = pointer + "/" + member.getKey();
        places.add(new Place(object, member.getKey(), -1, at));
        collect(member.getValue(), at, places);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String at = pointer + "/" + i;
        places.add(new Place(array, null, i, at));
        collect(array.get(i), at, places);
      }
    }
  }

  private Place randomPlace() {
    List<Place> places = places();
    return places.isEmpty() ? null : places.get(random.nextInt(places.size()));
  }

  /** The root (often, since most fields that matter live there) or any object inside it. */
  private ObjectNode randomObject() {
    if (random.nextInt(10) < 4 || !(root instanceof ObjectNode)) {
      return root instanceof ObjectNode object ? object : null;
    }
    List<ObjectNode> objects = new ArrayList<>();
    for (Place place : places()) {
      if (place.get() instanceof ObjectNode object) {
        objects.add(object);
      }
    }
    return objects.isEmpty() ? (ObjectNode) root : objects.get(random.nextInt(objects.size()));
  }

  // ---- values ----

  private JsonNode randomValue(int depth) {
    return switch (random.nextInt(depth >= 3 ? 6 : 9)) {
      case 0 -> TextNode.valueOf(randomString());
      case 1 -> randomNumber();
      case 2 -> BooleanNode.valueOf(random.nextBoolean());
      case 3 -> NullNode.instance;
      case 4 -> NODES.arrayNode();
      case 5 -> NODES.objectNode();
      case 6, 7 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(4); i >= 0; i--) {
          array.add(randomValue(depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(4); i >= 0; i--) {
          object.set(randomKey(), randomValue(depth + 1));
        }
        yield object;
      }
    };
  }

  private String randomString() {
    return random.nextInt(3) < 2 ? pick(VOCABULARY) : pick(ODD_STRINGS);
  }

  private JsonNode randomNumber() {
    return switch (random.nextInt(8)) {
      case 0 -> IntNode.valueOf(0);
      case 1 -> IntNode.valueOf(-1);
      case 2 -> IntNode.valueOf(random.nextInt(5000));
      case 3 -> LongNode.valueOf(Long.MAX_VALUE);
      case 4 -> BigIntegerNode.valueOf(new BigInteger("9".repeat(40)));
      case 5 -> DecimalNode.valueOf(new BigDecimal("1E+400"));
      case 6 -> DecimalNode.valueOf(new BigDecimal("0.5"));
      default -> DecimalNode.valueOf(new BigDecimal("-1E-400"));
    };
  }

  private String randomKey() {
    return random.nextInt(4) == 0 ? pick(ODD_KEYS) : pick(keys());
  }

  private List<String> keys() {
    return switch (endpoint.protocol()) {
      case OPENAI -> OPENAI_KEYS;
      case ANTHROPIC -> ANTHROPIC_KEYS;
      default -> GEMINI_KEYS;
    };
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A placeholder string that becomes {@code raw} JSON text when the body is written. */
  private TextNode slot(String raw) {
    String token = "@@slot" + rawSlots.size() + "@@";
    rawSlots.put(token, raw);
    return TextNode.valueOf(token);
  }

  // ---- tree mutations ----

  private void typeSwap() {
    Place place = randomPlace();
    if (place == null) {
      knownField();
      return;
    }
    JsonNode before = place.get();
    JsonNode after = randomValue(1);
    for (int tries = 0; tries < 5 && after.getNodeType() == before.getNodeType(); tries++) {
      after = randomValue(1);
    }
    place.set(after);
    applied.add("type swap " + place.pointer() + " " + before.getNodeType() + " -> " + brief(after));
  }

  /** A piece of another recorded request, of any protocol, put in a random place: real shapes in the wrong spot. */
  private void graft() {
    FuzzEndpoint donor = pick(List.of(FuzzEndpoint.values()));
    List<ObjectNode> candidates = seeds.of(donor);
    List<Place> pieces = new ArrayList<>();
    collect(candidates.get(random.nextInt(candidates.size())), "", pieces);
    Place target = randomPlace();
    if (pieces.isEmpty() || target == null) {
      typeSwap();
      return;
    }
    Place piece = pick(pieces);
    JsonNode graft = piece.get().deepCopy();
    if (target.get() instanceof ArrayNode array && random.nextBoolean()) {
      array.add(graft);
      applied.add("graft " + donor + piece.pointer() + " appended to " + target.pointer());
    } else {
      target.set(graft);
      applied.add("graft " + donor + piece.pointer() + " at " + target.pointer());
    }
  }

  /** Some member's name of {@code target}, which has members. */
  private String randomMemberName(ObjectNode target) {
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    return pick(names);
  }

  private void removeField() {
    ObjectNode target = randomObject();
    if (target == null || target.isEmpty()) {
      unknownField();
      return;
    }
    String name = randomMemberName(target);
    target.remove(name);
    applied.add("removed '" + name + "'" + (target == root ? " (top level)" : ""));
  }

  private void unknownField() {
    ObjectNode target = randomObject();
    if (target == null) {
      return;
    }
    String name = pick(ODD_KEYS);
    JsonNode value = randomValue(1);
    target.set(name, value);
    applied.add("unknown field '" + abbreviate(name) + "' = " + brief(value) + (target == root ? " (top level)" : ""));
  }

  private void knownField() {
    ObjectNode target = randomObject();
    if (target == null) {
      return;
    }
    String name = pick(keys());
    JsonNode value = random.nextInt(10) < 6 ? plausible() : randomValue(0);
    target.set(name, value);
    applied.add("field '" + name + "' = " + brief(value) + (target == root ? " (top level)" : ""));
  }

  /** A value of the kind a translator expects somewhere: it gets past the type checks and deeper in. */
  private JsonNode plausible() {
    return switch (random.nextInt(7)) {
      case 0, 1 -> TextNode.valueOf(pick(VOCABULARY));
      case 2 -> switch (random.nextInt(4)) {
        case 0 -> IntNode.valueOf(-random.nextInt(100));
        case 1 -> pick(EXTREME_INTEGERS);
        default -> IntNode.valueOf(random.nextInt(100_000));
      };
      case 3 -> BooleanNode.valueOf(random.nextBoolean());
      case 4 -> message();
      case 5 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(3); i >= 0; i--) {
          array.add(random.nextBoolean() ? part() : TextNode.valueOf(pick(VOCABULARY)));
        }
        yield array;
      }
      default -> part();
    };
  }

  private void numberRange() {
    List<Place> numbers = new ArrayList<>();
    for (Place place : places()) {
      if (place.get().isNumber()) {
        numbers.add(place);
      }
    }
    String literal = pick(ODD_NUMBERS);
    if (!numbers.isEmpty() && random.nextBoolean()) {
      Place place = pick(numbers);
      place.set(slot(literal));
      applied.add("number " + place.pointer() + " = " + abbreviate(literal));
      return;
    }
    ObjectNode target = root instanceof ObjectNode object ? object : null;
    if (target == null) {
      return;
    }
    List<String> numeric = switch (endpoint.protocol()) {
      case OPENAI -> List.of("max_tokens", "max_completion_tokens", "temperature", "top_p", "n", "seed",
          "presence_penalty", "top_logprobs", "dimensions");
      case ANTHROPIC -> List.of("max_tokens", "temperature", "top_p", "top_k", "thinking");
      default -> List.of("generationConfig", "outputDimensionality");
    };
    String name = pick(numeric);
    if (name.equals("thinking")) {
      ObjectNode thinking = target.putObject("thinking").put("type", "enabled");
      thinking.set("budget_tokens", slot(literal));
      name = "thinking.budget_tokens";
    } else if (name.equals("generationConfig")) {
      ObjectNode config = target.path("generationConfig") instanceof ObjectNode existing ? existing
          : target.putObject("generationConfig");
      name = pick(List.of("maxOutputTokens", "temperature", "topP", "topK", "candidateCount", "seed",
          "presencePenalty", "logprobs"));
      if (random.nextBoolean()) {
        config.putObject("thinkingConfig").set("thinkingBudget", slot(literal));
        name = "thinkingConfig.thinkingBudget";
      } else {
        config.set(name, slot(literal));
      }
      name = "generationConfig." + name;
    } else {
      target.set(name, slot(literal));
    }
    applied.add("number '" + name + "' = " + abbreviate(literal));
  }

  private void oddEscapes() {
    String literal = pick(ODD_ESCAPED_STRINGS);
    if (random.nextInt(10) < 3) {
      ObjectNode target = randomObject();
      if (target != null) {
        target.set(slot(literal).asText(), randomValue(1));
        applied.add("key " + literal + (target == root ? " (top level)" : ""));
        return;
      }
    }
    List<Place> strings = new ArrayList<>();
    for (Place place : places()) {
      if (place.get().isTextual()) {
        strings.add(place);
      }
    }
    if (strings.isEmpty()) {
      unknownField();
      return;
    }
    Place place = pick(strings);
    place.set(slot(literal));
    applied.add("string " + place.pointer() + " = " + literal);
  }

  private void duplicateKey() {
    ObjectNode target = randomObject();
    if (target == null || target.isEmpty()) {
      unknownField();
      return;
    }
    String name = randomMemberName(target);
    JsonNode value = random.nextBoolean() ? target.get(name).deepCopy() : randomValue(1);
    target.set(slot(quote(name)).asText(), value);
    applied.add("duplicate key '" + abbreviate(name) + "' = " + brief(value) + (target == root ? " (top level)" : ""));
  }

  private void messagesShape() {
    if (!(root instanceof ObjectNode top)) {
      return;
    }
    String field = switch (endpoint) {
      case OPENAI_CHAT, ANTHROPIC_MESSAGES, ANTHROPIC_COUNT_TOKENS -> "messages";
      case OPENAI_EMBEDDINGS -> "input";
      case GEMINI_EMBED -> "content";
      case GEMINI_BATCH_EMBED -> "requests";
      default -> "contents";
    };
    ObjectNode holder = top;
    if (endpoint == FuzzEndpoint.GEMINI_COUNT_TOKENS
        && top.path("generateContentRequest") instanceof ObjectNode inner) {
      holder = inner;
    }
    JsonNode shape;
    int choice = random.nextInt(10);
    if (choice < 3) {
      shape = randomValue(1);
    } else if (choice < 5 && holder.path(field).isArray() && !holder.path(field).isEmpty()) {
      // one element of the real messages replaced, the rest kept, so translation gets far
      ArrayNode messages = (ArrayNode) holder.path(field);
      int at = random.nextInt(messages.size());
      JsonNode element = random.nextBoolean() ? message() : randomValue(1);
      messages.set(at, element);
      applied.add("element " + field + "[" + at + "] = " + brief(element));
      return;
    } else if (field.equals("content")) {
      shape = random.nextBoolean() ? message() : part();
    } else {
      ArrayNode messages = NODES.arrayNode();
      for (int i = random.nextInt(5); i > 0; i--) {
        messages.add(random.nextInt(8) == 0 ? randomValue(2) : message());
      }
      shape = messages;
    }
    holder.set(field, shape);
    applied.add(field + " = " + brief(shape));
  }

  /** A message-like object in the endpoint's protocol, each member present or not, odd or not. */
  private ObjectNode message() {
    ObjectNode message = NODES.objectNode();
    switch (endpoint.protocol()) {
      case OPENAI -> {
        maybe(message, "role", () -> TextNode.valueOf(pick(List.of("user", "assistant", "system", "developer",
            "tool", "function", "model", "", "USER"))));
        maybe(message, "content", () -> switch (random.nextInt(4)) {
          case 0 -> TextNode.valueOf(randomString());
          case 1 -> parts();
          case 2 -> NullNode.instance;
          default -> randomValue(2);
        });
        maybe(message, "tool_calls", () -> {
          ArrayNode calls = NODES.arrayNode();
          for (int i = random.nextInt(3); i >= 0; i--) {
            ObjectNode call = NODES.objectNode();
            maybe(call, "id", () -> TextNode.valueOf(pick(List.of("call_1", "", "call_1\u0000"))));
            maybe(call, "type", () -> TextNode.valueOf(pick(List.of("function", "custom", ""))));
            maybe(call, "function", () -> {
              ObjectNode function = NODES.objectNode();
              maybe(function, "name", () -> TextNode.valueOf(pick(List.of("get_weather", "", "a b"))));
              maybe(function, "arguments", () -> random.nextBoolean()
                  ? TextNode.valueOf(pick(List.of("{}", "{\"city\":\"Paris\"}", "{bad", "", "[]", "null", "1")))
                  : randomValue(2));
              return function;
            });
            calls.add(call);
          }
          return calls;
        });
        maybe(message, "tool_call_id", () -> TextNode.valueOf(pick(List.of("call_1", "", "unknown"))));
        maybe(message, "name", () -> TextNode.valueOf(randomString()));
        maybe(message, "reasoning_content", () -> TextNode.valueOf(randomString()));
      }
      case ANTHROPIC -> {
        maybe(message, "role", () -> TextNode.valueOf(pick(List.of("user", "assistant", "system", "tool", ""))));
        maybe(message, "content", () -> random.nextInt(3) == 0 ? TextNode.valueOf(randomString()) : parts());
      }
      default -> {
        maybe(message, "role", () -> TextNode.valueOf(pick(List.of("user", "model", "function", "tool", "system",
            ""))));
        maybe(message, "parts", () -> random.nextInt(5) == 0 ? randomValue(2) : parts());
      }
    }
    return message;
  }

  private ArrayNode parts() {
    ArrayNode parts = NODES.arrayNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      parts.add(random.nextInt(8) == 0 ? randomValue(2) : part());
    }
    return parts;
  }

  /** A content part or block in the endpoint's protocol, members present or not, values odd or not. */
  private ObjectNode part() {
    ObjectNode part = NODES.objectNode();
    switch (endpoint.protocol()) {
      case OPENAI -> {
        maybe(part, "type", () -> TextNode.valueOf(pick(List.of("text", "image_url", "input_audio", "file",
            "refusal", "image", "video", ""))));
        maybe(part, "text", this::textOrOdd);
        maybe(part, "image_url", () -> object("url", TextNode.valueOf(pick(VOCABULARY)), "detail",
            TextNode.valueOf(pick(List.of("auto", "low", "high", "x")))));
        maybe(part, "input_audio", () -> object("data", TextNode.valueOf(pick(List.of("UklGRg==", "!!!", ""))),
            "format", TextNode.valueOf(pick(List.of("wav", "mp3", "flac", "")))));
        maybe(part, "file", () -> object("file_data", TextNode.valueOf(pick(VOCABULARY)), "filename",
            TextNode.valueOf(pick(List.of("a.pdf", "", "../x"))), "file_id", TextNode.valueOf("file-1")));
      }
      case ANTHROPIC -> {
        maybe(part, "type", () -> TextNode.valueOf(pick(List.of("text", "image", "document", "tool_use",
            "tool_result", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result",
            "search_result", "container_upload", ""))));
        maybe(part, "text", this::textOrOdd);
        maybe(part, "source", () -> object("type", TextNode.valueOf(pick(List.of("base64", "url", "text", "file",
            "content", ""))), "media_type", TextNode.valueOf(pick(List.of("image/png", "application/pdf",
            "text/plain", "image/svg+xml", ""))), "data", TextNode.valueOf(pick(List.of("iVBORw0KGgo=", "!!!", "",
            "aGk="))), "url", TextNode.valueOf(pick(List.of("http://127.0.0.1:9/a.png", "file:///etc/passwd",
            "")))));
        maybe(part, "id", () -> TextNode.valueOf(pick(List.of("toolu_1", "", "x\u0000"))));
        maybe(part, "name", () -> TextNode.valueOf(pick(List.of("get_weather", "", "a b"))));
        maybe(part, "input", () -> random.nextBoolean() ? object("city", TextNode.valueOf("Paris"))
            : randomValue(2));
        maybe(part, "tool_use_id", () -> TextNode.valueOf(pick(List.of("toolu_1", "", "unknown"))));
        maybe(part, "content", () -> random.nextBoolean() ? TextNode.valueOf(randomString()) : randomValue(2));
        maybe(part, "is_error", () -> random.nextBoolean() ? BooleanNode.TRUE : randomValue(2));
        maybe(part, "thinking", this::textOrOdd);
        maybe(part, "signature", this::textOrOdd);
        maybe(part, "data", this::textOrOdd);
        maybe(part, "cache_control", () -> object("type", TextNode.valueOf("ephemeral"), "ttl",
            TextNode.valueOf(pick(List.of("5m", "1h", "forever")))));
      }
      default -> {
        maybe(part, "text", this::textOrOdd);
        maybe(part, "thought", () -> random.nextBoolean() ? BooleanNode.TRUE : randomValue(2));
        maybe(part, "thoughtSignature", this::textOrOdd);
        maybe(part, "inlineData", () -> object("mimeType", TextNode.valueOf(pick(List.of("image/png",
            "application/pdf", "audio/wav", "text/plain", ""))), "data",
            TextNode.valueOf(pick(List.of("iVBORw0KGgo=", "!!!", "")))));
        maybe(part, "fileData", () -> object("mimeType", TextNode.valueOf("image/png"), "fileUri",
            TextNode.valueOf(pick(VOCABULARY))));
        maybe(part, "functionCall", () -> object("name", TextNode.valueOf(pick(List.of("get_weather", "", "a b"))),
            "args", random.nextBoolean() ? object("city", TextNode.valueOf("Paris")) : randomValue(2), "id",
            TextNode.valueOf("call_1")));
        maybe(part, "functionResponse", () -> object("name", TextNode.valueOf(pick(List.of("get_weather", ""))),
            "response", random.nextBoolean() ? object("result", TextNode.valueOf("sunny")) : randomValue(2), "id",
            TextNode.valueOf(pick(List.of("call_1", "unknown")))));
        maybe(part, "executableCode", () -> object("language", TextNode.valueOf("PYTHON"), "code",
            TextNode.valueOf("print(1)")));
        maybe(part, "codeExecutionResult", () -> object("outcome", TextNode.valueOf("OUTCOME_OK"), "output",
            TextNode.valueOf("1")));
      }
    }
    return part;
  }

  private JsonNode textOrOdd() {
    return random.nextInt(4) == 0 ? randomValue(2) : TextNode.valueOf(randomString());
  }

  /** Sets {@code name} about a third of the time, to a plausible value or, sometimes, any value. */
  private void maybe(ObjectNode object, String name, Supplier<JsonNode> value) {
    if (random.nextInt(3) == 0) {
      object.set(name, random.nextInt(10) == 0 ? randomValue(2) : value.get());
    }
  }

  private static ObjectNode object(Object... namesAndValues) {
    ObjectNode object = NODES.objectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.set((String) namesAndValues[i], (JsonNode) namesAndValues[i + 1]);
    }
    return object;
  }

  private void toolSchema() {
    if (!(root instanceof ObjectNode top)) {
      return;
    }
    JsonNode schema = random.nextInt(3) == 0 ? Fixtures.readJson(pick(oddSchemas())) : randomSchema(0);
    if (random.nextInt(20) == 0) {
      schema = exponentialSchema(); // 2^22 nodes if every $ref were inlined: refused by the schema budget
    }
    if (random.nextInt(5) == 0) {
      schema = random.nextInt(3) == 0 ? exponentialSchema() : schema;
      responseSchema(top, schema);
      return;
    }
    String name = pick(List.of("odd_tool", "get_weather", "", "a b", "x".repeat(300)));
    ObjectNode tool = NODES.objectNode();
    JsonNode tools;
    switch (endpoint.protocol()) {
      case OPENAI -> {
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", name);
        function.set("parameters", schema);
        if (random.nextBoolean()) {
          function.put("strict", true);
        }
        tools = NODES.arrayNode().add(tool);
        if (random.nextBoolean()) {
          top.set("tool_choice", object("type", TextNode.valueOf("function"), "function",
              object("name", TextNode.valueOf(random.nextBoolean() ? name : "missing"))));
        }
      }
      case ANTHROPIC -> {
        tool.put("name", name);
        tool.set("input_schema", schema);
        tools = NODES.arrayNode().add(tool);
        if (random.nextBoolean()) {
          top.set("tool_choice", object("type", TextNode.valueOf("tool"), "name",
              TextNode.valueOf(random.nextBoolean() ? name : "missing")));
        }
      }
      default -> {
        tool.put("name", name);
        tool.set(random.nextBoolean() ? "parameters" : "parametersJsonSchema", schema);
        tools = NODES.arrayNode().add(object("functionDeclarations", NODES.arrayNode().add(tool)));
        if (random.nextBoolean()) {
          top.set("toolConfig", object("functionCallingConfig", object("mode", TextNode.valueOf("ANY"),
              "allowedFunctionNames", NODES.arrayNode().add(random.nextBoolean() ? name : "missing"))));
        }
      }
    }
    JsonNode holder = endpoint == FuzzEndpoint.GEMINI_COUNT_TOKENS && top.path("generateContentRequest").isObject()
        ? top.path("generateContentRequest") : top;
    ((ObjectNode) holder).set("tools", tools);
    applied.add("tool schema " + brief(schema));
  }

  private void responseSchema(ObjectNode top, JsonNode schema) {
    switch (endpoint.protocol()) {
      case OPENAI -> top.set("response_format", object("type", TextNode.valueOf("json_schema"), "json_schema",
          object("name", TextNode.valueOf("answer"), "schema", schema, "strict", BooleanNode.TRUE)));
      case ANTHROPIC -> top.set("output_config", object("format", object("type", TextNode.valueOf("json_schema"),
          "schema", schema)));
      default -> {
        ObjectNode config = top.path("generationConfig") instanceof ObjectNode existing ? existing
            : top.putObject("generationConfig");
        config.put("responseMimeType", "application/json");
        config.set(random.nextBoolean() ? "responseSchema" : "responseJsonSchema", schema);
      }
    }
    applied.add("response schema " + brief(schema));
  }

  private static final List<String> ODD_SCHEMAS = List.of(
      "{\"$ref\":\"#/$defs/missing\"}",
      "{\"$ref\":\"#\"}",
      "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}",
      "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/a\"}},\"type\":\"object\","
          + "\"properties\":{\"x\":{\"$ref\":\"#/$defs/a\"}}}",
      "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/node\"}}}},"
          + "\"type\":\"object\",\"properties\":{\"head\":{\"$ref\":\"#/$defs/node\"}}}",
      "{\"$defs\":{\"a\":{\"allOf\":[{\"$ref\":\"#/$defs/b\"}]},\"b\":{\"allOf\":[{\"$ref\":\"#/$defs/a\"}]}},"
          + "\"$ref\":\"#/$defs/a\"}",
      "{\"allOf\":[{\"$ref\":\"#\"}]}",
      "{\"$ref\":123}", "{\"$ref\":null}", "{\"$ref\":\"\"}", "{\"$ref\":\"http://127.0.0.1:9/schema.json\"}",
      "{\"$ref\":\"#/$defs/a/../../..\"}", "{\"$ref\":\"#/properties/~2\"}", "{\"$ref\":\"#/$defs/a%20b\"}",
      "{\"$ref\":\"#/definitions/x\",\"definitions\":{\"x\":{\"type\":\"string\"}}}",
      "{\"$ref\":\"#/definitions/x\",\"definitions\":[]}", "{\"$defs\":[],\"$ref\":\"#/$defs/0\"}",
      "{\"$defs\":\"x\",\"$ref\":\"#/$defs\"}", "{\"$defs\":{\"a\":5},\"$ref\":\"#/$defs/a\"}",
      "{\"$defs\":{\"a\":null},\"$ref\":\"#/$defs/a\"}", "{\"$ref\":\"#/$defs/a\",\"$defs\":{\"a\":true}}",
      "{\"$ref\":\"#/properties/a/items\",\"properties\":{\"a\":{\"items\":{\"$ref\":\"#/properties/a\"}}}}",
      "{\"type\":[\"string\",\"null\"]}", "{\"type\":5}", "{\"type\":[]}", "{\"type\":\"object\",\"properties\":[]}",
      "{\"type\":\"object\",\"properties\":{\"a\":5}}", "{\"type\":\"object\",\"properties\":null}",
      "{\"required\":\"a\"}", "{\"required\":[1,null]}", "{\"enum\":[]}", "{\"enum\":\"x\"}", "{\"enum\":[null,{}]}",
      "{\"anyOf\":[]}", "{\"anyOf\":{}}", "{\"oneOf\":[null]}",
      "{\"allOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}",
      "{\"allOf\":[{\"properties\":{\"a\":{\"type\":\"string\"}}},{\"properties\":{\"a\":{\"type\":\"integer\"}}}]}",
      "{\"allOf\":\"x\"}", "{\"allOf\":[5]}", "{\"items\":[{\"type\":\"string\"}]}", "{\"items\":5}",
      "{\"additionalProperties\":{\"$ref\":\"#\"}}", "{\"additionalProperties\":5}", "{\"not\":{}}",
      "{\"const\":{\"a\":[1]}}", "{\"format\":5}", "{\"nullable\":\"yes\"}", "{\"minimum\":1e400}",
      "{\"maxLength\":-1}", "{\"pattern\":\"[\"}", "{\"description\":5}", "{\"title\":{}}",
      "{\"if\":{\"$ref\":\"#\"},\"then\":{},\"else\":5}", "{\"prefixItems\":[{\"$ref\":\"#\"}]}",
      "{\"patternProperties\":{\"[\":{}}}", "{\"$dynamicRef\":\"#meta\"}", "{\"$anchor\":5}",
      "{\"$schema\":\"http://127.0.0.1:9/s\"}", "{\"$id\":\"#x\",\"$anchor\":\"x\"}",
      "{\"properties\":{\"$ref\":{\"type\":\"string\"},\"type\":{\"type\":\"string\"}}}",
      "{\"type\":\"object\",\"properties\":{\"\":{\"type\":\"string\"}},\"required\":[\"\"]}",
      "\"string\"", "5", "[]", "null", "true", "{}");

  /** $refs by name rather than JSON pointer: followed, or refused with a 400, never a 500. */
  private static final List<String> NAMED_REF_SCHEMAS = List.of(
      "{\"$id\":\"#x\",\"$ref\":\"#x\"}",
      "{\"$defs\":{\"a\":{\"$anchor\":\"a\",\"type\":\"string\"}},\"$ref\":\"#a\"}");

  private static List<String> oddSchemas() {
    List<String> all = new ArrayList<>(ODD_SCHEMAS);
    all.addAll(NAMED_REF_SCHEMAS);
    return all;
  }

  private JsonNode randomSchema(int depth) {
    ObjectNode schema = NODES.objectNode();
    int members = 1 + random.nextInt(4);
    for (int i = 0; i < members; i++) {
      String keyword = pick(List.of("type", "properties", "items", "$ref", "$defs", "definitions", "anyOf", "oneOf",
          "allOf", "enum", "required", "additionalProperties", "nullable", "format", "description", "const",
          "default", "minimum", "maxItems", "title", "not", "propertyOrdering", "x-odd"));
      JsonNode value = switch (keyword) {
        case "type" -> random.nextInt(4) == 0 ? randomValue(2)
            : TextNode.valueOf(pick(List.of("object", "string", "array", "integer", "number", "boolean", "null",
                "OBJECT", "date")));
        case "properties", "$defs", "definitions" -> {
          if (depth > 4 || random.nextInt(5) == 0) {
            yield randomValue(2);
          }
          ObjectNode properties = NODES.objectNode();
          for (int p = random.nextInt(3); p >= 0; p--) {
            properties.set(pick(List.of("a", "b", "city", "$ref", "", "type")), randomSchema(depth + 1));
          }
          yield properties;
        }
        case "items", "not", "additionalProperties" -> depth > 4 ? BooleanNode.TRUE : randomSchema(depth + 1);
        case "$ref" -> TextNode.valueOf(pick(List.of("#", "#/$defs/a", "#/$defs/b", "#/$defs/missing",
            "#/definitions/a", "#/properties/a", "#/properties/a/items", "other.json#/a", "#/$defs/~1weird",
            "#/%24defs/a", "#/$defs/a/properties/a", "", "#/$defs")));
        case "anyOf", "oneOf", "allOf" -> {
          ArrayNode list = NODES.arrayNode();
          for (int p = random.nextInt(3); p >= 0 && depth <= 4; p--) {
            list.add(randomSchema(depth + 1));
          }
          yield random.nextInt(6) == 0 ? randomValue(2) : list;
        }
        case "required", "enum", "propertyOrdering" -> random.nextBoolean()
            ? NODES.arrayNode().add("a").add(random.nextBoolean() ? "b" : "missing")
            : randomValue(2);
        default -> random.nextBoolean() ? TextNode.valueOf(randomString()) : randomValue(2);
      };
      schema.set(keyword, value);
    }
    return schema;
  }

  /** Each definition refers twice to the next: inlined, it is 2^22 nodes. */
  private static JsonNode exponentialSchema() {
    ObjectNode schema = NODES.objectNode();
    ObjectNode defs = schema.putObject("$defs");
    int levels = 22;
    for (int i = 0; i < levels; i++) {
      ObjectNode level = defs.putObject("d" + i);
      level.put("type", "object");
      ObjectNode properties = level.putObject("properties");
      String next = i + 1 < levels ? "#/$defs/d" + (i + 1) : null;
      for (String name : List.of("left", "right")) {
        properties.set(name, next == null ? object("type", TextNode.valueOf("string"))
            : object("$ref", TextNode.valueOf(next)));
      }
    }
    schema.put("$ref", "#/$defs/d0");
    return schema;
  }

  // ---- raw and byte-level mutations ----

  private void deepNesting() {
    int depth = pick(List.of(10_000, 5_000, 1_000, 202, 201, 200, 199, 198, 150));
    String nested = switch (random.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      default -> "[{\"a\":".repeat(depth / 2) + "[]" + "}]".repeat(depth / 2);
    };
    if (random.nextInt(4) == 0 || !(root instanceof ObjectNode)) {
      rawBody = nested.getBytes(StandardCharsets.UTF_8);
      applied.add("whole body nested " + depth + " deep");
      return;
    }
    Place place = random.nextBoolean() ? null : randomPlace();
    if (place == null) {
      ((ObjectNode) root).set(pick(keys()), slot(nested));
      applied.add("top-level field nested " + depth + " deep");
    } else {
      place.set(slot(nested));
      applied.add(place.pointer() + " nested " + depth + " deep");
    }
  }

  /** A few MB at most: a huge string, a huge array of messages, of tools, or of numbers. */
  private void huge() {
    if (!(root instanceof ObjectNode top)) {
      return;
    }
    int megabytes = 1 + random.nextInt(3);
    switch (random.nextInt(4)) {
      case 0 -> {
        String unit = pick(List.of("a", "\u00e9", "\ud83d\ude00", "\\\"", "\n", "\u0000"));
        int bytesPerUnit = unit.equals("\u0000") ? 6 : unit.getBytes(StandardCharsets.UTF_8).length * 2;
        String text = unit.repeat(megabytes * 1024 * 1024 / bytesPerUnit);
        List<Place> strings = new ArrayList<>();
        for (Place place : places()) {
          if (place.get().isTextual()) {
            strings.add(place);
          }
        }
        if (strings.isEmpty()) {
          top.put(pick(keys()), text);
          applied.add("huge string (" + text.length() + " chars) in a new field");
        } else {
          Place place = pick(strings);
          place.set(TextNode.valueOf(text));
          applied.add("huge string (" + text.length() + " chars) at " + place.pointer());
        }
      }
      case 1 -> {
        String field = endpoint.protocol() == WireProtocol.GEMINI ? "contents" : "messages";
        ArrayNode many = NODES.arrayNode();
        JsonNode one = top.path(field).path(0).isMissingNode() ? message() : top.path(field).path(0);
        int copies = megabytes * 1024 * 1024 / Math.max(64, Fixtures.compact(one).length);
        for (int i = 0; i < copies; i++) {
          many.add(one);
        }
        top.set(field, many);
        applied.add(copies + " copies of " + field + "[0]");
      }
      case 2 -> {
        ArrayNode tools = NODES.arrayNode();
        int count = megabytes * 5_000;
        for (int i = 0; i < count; i++) {
          tools.add(switch (endpoint.protocol()) {
            case OPENAI -> object("type", TextNode.valueOf("function"), "function", object("name",
                TextNode.valueOf("t" + i), "parameters", object("type", TextNode.valueOf("object"))));
            case ANTHROPIC -> object("name", TextNode.valueOf("t" + i), "input_schema",
                object("type", TextNode.valueOf("object")));
            default -> object("functionDeclarations", NODES.arrayNode().add(object("name", TextNode.valueOf("t" + i))));
          });
        }
        top.set("tools", tools);
        applied.add(count + " tools");
      }
      default -> {
        ArrayNode numbers = NODES.arrayNode();
        for (int i = megabytes * 200_000; i > 0; i--) {
          numbers.add(i);
        }
        String field = pick(List.of("stop", "stop_sequences", "input", "logit_bias", "messages", "contents"));
        top.set(field, numbers);
        applied.add(numbers.size() + " numbers in '" + field + "'");
      }
    }
  }

  private void invalidUtf8() {
    byte[] body = write();
    byte[] bad = pick(INVALID_UTF8);
    List<Integer> insideStrings = new ArrayList<>();
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '"') {
        insideStrings.add(i + 1);
      }
    }
    int at = !insideStrings.isEmpty() && random.nextInt(4) != 0 ? pick(insideStrings) : random.nextInt(body.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + bad.length);
    out.write(body, 0, at);
    out.writeBytes(bad);
    out.write(body, at, body.length - at);
    rawBody = out.toByteArray();
    applied.add("invalid UTF-8 " + FuzzCase.preview(bad, 10) + " at byte " + at);
  }

  private void truncate() {
    byte[] body = write();
    int at = random.nextInt(Math.max(1, body.length));
    rawBody = Arrays.copyOf(body, at);
    applied.add("truncated at byte " + at + " of " + body.length);
  }

  private void nonJson() {
    String json = new String(write(), StandardCharsets.UTF_8);
    int variant = random.nextInt(24);
    String text = switch (variant) {
      case 0 -> " ";
      case 1 -> "null";
      case 2 -> "true";
      case 3 -> "0";
      case 4 -> "[]";
      case 5 -> "[" + json + "]";
      case 6 -> "\"" + json.replace("\"", "\\\"") + "\"";
      case 7 -> "{";
      case 8 -> "{]";
      case 9 -> "{\"model\":}";
      case 10 -> "<?xml version=\"1.0\"?><request/>";
      case 11 -> "model=on-openai&messages=hi";
      case 12 -> json.replace('"', '\'');
      case 13 -> json.substring(0, json.length() - 1) + ",}";
      case 14 -> json + " " + json;
      case 15 -> json + "garbage";
      case 16 -> "/* comment */" + json;
      case 17 -> "\ufeff" + json;
      case 18 -> json.replaceFirst(":(\\s*)(\"|\\d|t|f|n|\\[|\\{)", ":NaN,\"x\":$2");
      case 19 -> json.replaceFirst("\\{", "{\"temperature\":Infinity,");
      case 20 -> json.replaceFirst("\\{", "{\"max_tokens\":01,\"n\":.5,\"top_p\":1.,\"seed\":+1,\"x\":0x10,");
      case 21 -> json.replaceFirst("\\{\"", "{\"a\tb\":\"c\nd\",\"");
      case 22 -> "{\"model\":\"" + model.routeName() + "\",5:6}";
      default -> null;
    };
    if (text == null) {
      // UTF-16 or UTF-32: the encodings JSON once allowed, which Jackson detects on its own
      rawBody = json.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16LE : Charset.forName("UTF-32BE"));
      applied.add("not UTF-8 (" + rawBody.length + " bytes)");
      return;
    }
    rawBody = text.getBytes(StandardCharsets.UTF_8);
    applied.add("not JSON (variant " + variant + ")");
  }

  private void foreignSeed() {
    List<FuzzEndpoint> others = new ArrayList<>(List.of(FuzzEndpoint.values()));
    others.remove(endpoint);
    FuzzEndpoint other = pick(others);
    List<ObjectNode> candidates = seeds.of(other);
    int index = random.nextInt(candidates.size());
    root = prepare(candidates.get(index), endpoint);
    applied.add("seed of " + other + "#" + index + " instead");
    if (random.nextBoolean()) {
      apply(pick(TREE_KINDS));
    }
  }

  private void geminiPath() {
    if (endpoint.protocol() != WireProtocol.GEMINI) {
      knownField();
      return;
    }
    if (random.nextBoolean()) {
      modelSegment = pick(List.of("", "..", "%2e%2e", model.routeName() + "%2Fx", "models%2F" + model.routeName(),
          model.routeName() + ":x", "m".repeat(300), model.routeName() + "%00", "%2B", "%C3%A9", "on%20gemini",
          model.routeName() + "/..", "unknown-model", "models/" + model.routeName(), model.routeName() + "%3A",
          model.routeName() + "/" + model.routeName(), "-", "%25", model.routeName().toUpperCase()));
      applied.add("model in the URL '" + abbreviate(modelSegment) + "'");
    } else {
      geminiMethod = pick(List.of(":fooBar", "", ":", ":generateContent:generateContent", ":GENERATECONTENT",
          ":countTokens?alt=sse", ":streamGenerateContent?alt=json", ":streamGenerateContent?alt=sse&alt=sse",
          ":generateContent?key=sk-sy-not-a-key", ":embedContent?alt=sse", geminiMethod + "?alt=sse&%7Bx=1",
          geminiMethod + "?", geminiMethod + "?&&=&", geminiMethod + "/", geminiMethod + "%20"));
      applied.add("method in the URL '" + geminiMethod + "'");
    }
  }

  // ---- writing ----

  private byte[] write() {
    byte[] bytes;
    try {
      bytes = Fixtures.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (rawSlots.isEmpty()) {
      return bytes;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> slot : rawSlots.entrySet()) {
      text = text.replace("\"" + slot.getKey() + "\"", slot.getValue());
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String name) {
    try {
      return Fixtures.JSON.writeValueAsString(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String brief(JsonNode value) {
    return abbreviate(value.toString());
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
