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
    return context.error(tuple == null ? node : tuple.getValueNode(), child(key), problem);
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
    return string(key).filter(s -> !s.isBlank()).orElseThrow(() -> {
      // A misspelt required key is the likelier mistake: point at it rather than at the mapping.
      for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
        if (!read.contains(entry.getKey()) && editDistance(entry.getKey(), key) <= 2) {
          return context.error(entry.getValue().getKeyNode(), child(entry.getKey()),
              "unknown key (did you mean '" + key + "'?)");
        }
      }
      return error(key, "is required");
    });
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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
