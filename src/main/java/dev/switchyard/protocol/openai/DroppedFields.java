package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists the keys of a JSON object that a translation did not use, so none is lost silently. */
final class DroppedFields {
  private DroppedFields() {}

  /**
   * Adds {@code path.key} to {@code dropped} for each key of {@code node} outside {@code used}
   * whose value says something: null, {@code []} and {@code {}} say nothing and are skipped.
   */
  static void reportOthers(JsonNode node, Set<String> used, String path, List<String> dropped) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      boolean empty = value.isNull() || (value.isContainerNode() && value.isEmpty());
      if (!used.contains(field.getKey()) && !empty) {
        dropped.add(path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      }
    }
  }
}
