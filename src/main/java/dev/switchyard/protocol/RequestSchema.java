package dev.switchyard.protocol;

import java.util.Map;
import java.util.Set;

/**
 * The top-level fields of one endpoint's request body that the gateway checks before anything goes
 * upstream: which are required, and the JSON type of those it knows. Others pass unchecked.
 */
public record RequestSchema(Set<String> required, Map<String, JsonKind> kinds) {
  public RequestSchema {
    required = Set.copyOf(required);
    kinds = Map.copyOf(kinds);
  }

  JsonKind kindOf(String field) {
    return kinds.get(field);
  }
}
