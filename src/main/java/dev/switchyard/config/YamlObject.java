package dev.switchyard.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML mapping read strictly: every key must be asked for, so {@link #rejectUnknownKeys()} can
 * name a misspelt one; every error carries the file, line and dotted key path.
 */
final class YamlObject {
  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Context context;
  private final Node node;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  /** What every object of one document shares: the file's name and the environment. */
  record Context(String fileName, Function<String, String> environment) {
    ConfigException error(Node node, String path, String problem) {
      int line = node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
      return new ConfigException(fileName + ":" + line + ": " + path + ": " + problem);
    }
  }

  YamlObject(Context context, Node node, String path) {
    this.context = context;
    this.node = node;
    this.path = path;
    if (!(node instanceof MappingNode mapping)) {
      throw context.error(node, displayPath(), "expected a mapping of keys to values");
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarText(tuple.getKeyNode(), displayPath());
      if (entries.putIfAbsent(key, tuple) != null) {
        throw context.error(tuple.getKeyNode(), child(key), "duplicate key");
      }
    }
  }

  String path() {
    return path;
  }

  Node node() {
    return node;
  }

  ConfigException error(String key, String problem) {
    NodeTuple tuple = entries.get(key);
    return context.error(tuple == null ? node : tuple.getValueNode(), child(key),
        tuple == null ? problem : withoutSecrets(tuple.getValueNode(), problem));
  }

  /**
   * The problem as it may be printed: a value that came from the environment is shown as its
   * {@code ${VAR}} reference, and a long value that could be a key put in the wrong field is not
   * shown at all, since config errors reach logs.
   */
  private String withoutSecrets(Node value, String problem) {
    if (!(value instanceof ScalarNode scalar) || scalar.getValue().isEmpty()) {
      return problem;
    }
    String raw = scalar.getValue();
    String resolved = resolve(raw);
    String shown = ENV_REFERENCE.matcher(raw).find() ? raw : raw.length() > 24 ? "(" + raw.length() + " characters)" : raw;
    if (resolved.isEmpty() || shown.equals(resolved)) {
      return problem;
    }
    return problem.replace(resolved, shown).replace(resolved.trim(), shown)
        .replace(resolved.toLowerCase(java.util.Locale.ROOT), shown);
  }

  ConfigException error(String problem) {
    return context.error(node, displayPath(), problem);
  }

  boolean has(String key) {
    read.add(key);
    return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
  }

  Optional<String> string(String key) {
    read.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(resolve(scalarText(tuple.getValueNode(), child(key))));
  }

  String requiredString(String key) {
    return string(key).filter(s -> !s.isBlank()).orElseThrow(() -> missing(key, "is required"));
  }

  /**
   * The error for a required key that is absent; when a key nobody asked for looks like a
   * misspelling of it, the error names that one instead, since it is the line to fix.
   */
  ConfigException missing(String key, String problem) {
    if (!entries.containsKey(key)) {
      for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
        if (!read.contains(entry.getKey()) && looksLike(entry.getKey(), key)) {
          return context.error(entry.getValue().getKeyNode(), child(entry.getKey()),
              "unknown key (did you mean '" + key + "'?)");
        }
      }
    }
    return error(key, problem);
  }

  /** A small edit distance (a swap of neighbours counts as one): one for short keys, two for longer. */
  private static boolean looksLike(String candidate, String key) {
    String a = candidate.toLowerCase(java.util.Locale.ROOT);
    int[][] d = new int[a.length() + 1][key.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= key.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == key.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == key.charAt(j - 2) && a.charAt(i - 2) == key.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][key.length()] <= (key.length() <= 4 ? 1 : 2);
  }

  Optional<Long> integer(String key) {
    return string(key).map(text -> {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw error(key, "expected a whole number, got '" + text + "'");
      }
    });
  }

  Optional<Boolean> bool(String key) {
    return string(key).map(text -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(key, "expected true or false, got '" + text + "'");
    });
  }

  Optional<Double> number(String key) {
    return string(key).map(text -> {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw error(key, "expected a number, got '" + text + "'");
      }
    });
  }

  Optional<YamlObject> object(String key) {
    read.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(new YamlObject(context, tuple.getValueNode(), child(key)));
  }

  /** The items of a sequence; a single scalar counts as a one-item list. */
  List<Node> list(String key) {
    read.add(key);
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    if (value instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    if (value instanceof ScalarNode) {
      return List.of(value);
    }
    throw error(key, "expected a list");
  }

  List<YamlObject> objects(String key) {
    List<YamlObject> result = new ArrayList<>();
    List<Node> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      result.add(new YamlObject(context, items.get(i), child(key) + "[" + i + "]"));
    }
    return result;
  }

  List<String> strings(String key) {
    List<String> result = new ArrayList<>();
    List<Node> items = list(key);
    for (int i = 0; i < items.size(); i++) {
      result.add(resolve(scalarText(items.get(i), child(key) + "[" + i + "]")));
    }
    return result;
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<YamlObject> object = object(key);
    object.ifPresent(o -> {
      for (String k : o.entries.keySet()) {
        result.put(k, o.string(k).orElse(""));
      }
    });
    return result;
  }

  void rejectUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!read.contains(entry.getKey())) {
        throw context.error(entry.getValue().getKeyNode(), child(entry.getKey()),
            "unknown key (expected one of: " + String.join(", ", read) + ")");
      }
    }
  }

  private String resolve(String text) {
    Matcher matcher = ENV_REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = context.environment().apply(matcher.group(1));
      if (value == null || value.isEmpty()) {
        value = matcher.group(2) == null ? "" : matcher.group(2);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String scalarText(Node valueNode, String where) {
    if (valueNode instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw context.error(valueNode, where, "expected a single value, not a list or mapping");
  }

  private static boolean isNull(Node value) {
    return value instanceof ScalarNode scalar
        && scalar.getTag().getValue().endsWith(":null");
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String displayPath() {
    return path.isEmpty() ? "(top level)" : path;
  }
}
