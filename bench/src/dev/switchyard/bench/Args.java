package dev.switchyard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench tools' command lines: {@code --name value} pairs, where a name may repeat. */
final class Args {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  static Args parse(String[] argv) {
    Args args = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --name, got '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
        value = argv[++i];
      } else {
        value = "true"; // a bare flag
      }
      args.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return args;
  }

  String get(String name, String fallback) {
    List<String> list = values.get(name);
    return list == null ? fallback : list.get(list.size() - 1);
  }

  String require(String name) {
    String value = get(name, null);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(get(name, Integer.toString(fallback)));
  }

  double decimal(String name, double fallback) {
    return Double.parseDouble(get(name, Double.toString(fallback)));
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
