package dev.switchyard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one request asks the simulator to behave: fail with a status, hang, answer late or slowly,
 * or cut its stream. Given either as a top-level {@code "simulator": {...}} field of the body or
 * as a {@code #simulate key=value ...} line in the last user message, for SDK users who cannot add
 * body fields. Unset values fall back to the provider's {@code simulator:} config.
 */
record SimulationDirectives(
    OptionalInt status,
    Optional<Duration> latency,
    OptionalDouble tokensPerSecond,
    OptionalInt failAfterChunks,
    Optional<Boolean> hang) {

  static final SimulationDirectives NONE = new SimulationDirectives(OptionalInt.empty(), Optional.empty(),
      OptionalDouble.empty(), OptionalInt.empty(), Optional.empty());

  static final String FIELD = "simulator";
  private static final List<String> KNOWN = List.of("status", "latency_ms", "tokens_per_second",
      "fail_after_chunks", "hang");
  /** {@code #simulate} and the rest of its line. */
  private static final Pattern TEXT_DIRECTIVE = Pattern.compile("#simulate\\b([^\\r\\n]*)");

  /** The {@code simulator} field of a request body; absent or null means none. */
  static SimulationDirectives fromBody(JsonNode field) {
    if (field == null || field.isNull()) {
      return NONE;
    }
    if (!field.isObject()) {
      throw new InvalidSimulatedRequest("Invalid type for 'simulator': expected an object.", FIELD,
          "invalid_type");
    }
    List<String> unknown = new ArrayList<>();
    field.fieldNames().forEachRemaining(name -> {
      if (!KNOWN.contains(name)) {
        unknown.add(name);
      }
    });
    rejectUnknown(unknown);
    return new SimulationDirectives(
        optionalInt(status(field.get("status"), "status")),
        Optional.ofNullable(number(field.get("latency_ms"), "latency_ms"))
            .map(ms -> Duration.ofNanos(Math.round(ms * 1_000_000))),
        optionalDouble(number(field.get("tokens_per_second"), "tokens_per_second")),
        optionalInt(count(field.get("fail_after_chunks"), "fail_after_chunks")),
        Optional.ofNullable(bool(field.get("hang"))));
  }

  /** Every {@code #simulate ...} line of a message's text, later lines winning. */
  static SimulationDirectives fromText(String text) {
    if (text == null || !text.contains("#simulate")) {
      return NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    Matcher matcher = TEXT_DIRECTIVE.matcher(text);
    while (matcher.find()) {
      for (String word : matcher.group(1).trim().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        int equals = word.indexOf('=');
        String key = equals < 0 ? word : word.substring(0, equals);
        String value = equals < 0 ? null : word.substring(equals + 1);
        if (KNOWN.contains(key)) {
          values.put(key, value);
        } else {
          unknown.add(key);
        }
      }
    }
    rejectUnknown(unknown);
    return new SimulationDirectives(
        optionalInt(checkStatus(textInt(values, "status", 0, 999))),
        Optional.ofNullable(textNumber(values, "latency_ms")).map(ms -> Duration.ofNanos(Math.round(ms * 1_000_000))),
        optionalDouble(textNumber(values, "tokens_per_second")),
        optionalInt(textInt(values, "fail_after_chunks", 0, Integer.MAX_VALUE)),
        Optional.ofNullable(textBoolean(values, "hang")));
  }

  /** The text with its {@code #simulate} lines taken out, as the echo model repeats it. */
  static String strip(String text) {
    return text.contains("#simulate") ? TEXT_DIRECTIVE.matcher(text).replaceAll("").strip() : text;
  }

  /** These directives, with {@code weaker}'s filling the ones not set here. */
  SimulationDirectives over(SimulationDirectives weaker) {
    return new SimulationDirectives(
        status.isPresent() ? status : weaker.status,
        latency.or(weaker::latency),
        tokensPerSecond.isPresent() ? tokensPerSecond : weaker.tokensPerSecond,
        failAfterChunks.isPresent() ? failAfterChunks : weaker.failAfterChunks,
        hang.or(weaker::hang));
  }

  /** The status to fail with, if the request asked for a failure rather than an answer. */
  OptionalInt failureStatus() {
    return status.isPresent() && status.getAsInt() != 200 ? status : OptionalInt.empty();
  }

  boolean hangs() {
    return hang.orElse(false);
  }

  private static void rejectUnknown(List<String> unknown) {
    if (!unknown.isEmpty()) {
      throw new InvalidSimulatedRequest("Unknown simulator directive" + (unknown.size() > 1 ? "s" : "") + ": "
          + String.join(", ", unknown) + ". Known: " + String.join(", ", KNOWN) + ".", FIELD, "unknown_parameter");
    }
  }

  private static Integer status(JsonNode node, String name) {
    return checkStatus(count(node, name));
  }

  /** 200 answers normally; 400 to 599 fail with that status. */
  private static Integer checkStatus(Integer value) {
    if (value != null && value != 200 && (value < 400 || value > 599)) {
      throw invalid("status", String.valueOf(value));
    }
    return value;
  }

  private static Integer count(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < 0) {
      throw invalid(name, node.toString());
    }
    return node.asInt();
  }

  private static Double number(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.asDouble() < 0 || !Double.isFinite(node.asDouble())) {
      throw invalid(name, node.toString());
    }
    return node.asDouble();
  }

  private static Boolean bool(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw invalid("hang", node.toString());
    }
    return node.asBoolean();
  }

  private static Integer textInt(Map<String, String> values, String name, int min, int max) {
    if (!values.containsKey(name)) {
      return null;
    }
    String text = values.get(name);
    try {
      int value = Integer.parseInt(text == null ? "" : text);
      if (value < min || value > max) {
        throw invalid(name, text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(name, text);
    }
  }

  private static Double textNumber(Map<String, String> values, String name) {
    if (!values.containsKey(name)) {
      return null;
    }
    String text = values.get(name);
    try {
      double value = Double.parseDouble(text == null ? "" : text);
      if (value < 0 || !Double.isFinite(value)) {
        throw invalid(name, text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(name, text);
    }
  }

  private static Boolean textBoolean(Map<String, String> values, String name) {
    if (!values.containsKey(name)) {
      return null;
    }
    String text = values.get(name);
    if (text == null || text.equals("true")) {
      return true; // a bare "#simulate hang"
    }
    if (text.equals("false")) {
      return false;
    }
    throw invalid(name, text);
  }

  private static InvalidSimulatedRequest invalid(String name, String value) {
    return new InvalidSimulatedRequest("Invalid value for simulator directive '" + name + "': " + value + ".",
        FIELD + "." + name, "invalid_value");
  }

  private static OptionalInt optionalInt(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static OptionalDouble optionalDouble(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
