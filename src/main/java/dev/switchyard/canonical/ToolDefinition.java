package dev.switchyard.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A function the model may call; {@code parameters} is its JSON Schema as the client gave it. */
public record ToolDefinition(String name, Optional<String> description, JsonNode parameters, Optional<Boolean> strict) {}
