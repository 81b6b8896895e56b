package dev.switchyard.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The shape the answer must take. */
public sealed interface ResponseFormat {

  /** Any JSON object. */
  record JsonObject() implements ResponseFormat {}

  /** JSON matching {@code schema}. */
  record JsonSchema(String name, Optional<String> description, JsonNode schema, boolean strict)
      implements ResponseFormat {}
}
