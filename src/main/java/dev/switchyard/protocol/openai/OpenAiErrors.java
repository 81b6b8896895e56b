package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import dev.switchyard.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** OpenAI's error JSON: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {
  private static final JsonFactory JSON = Json.FACTORY;

  private static final byte[] INTERRUPTED_EVENT = ("data: {\"error\":{\"message\":\"The upstream stream broke off "
      + "before its end.\",\"type\":\"upstream_error\",\"param\":null,\"code\":\"stream_interrupted\"}}\n\n")
      .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private OpenAiErrors() {}

  /** The event that ends a stream cut off before its end, passed through or translated alike. */
  public static Buffer interruptedEvent() {
    return Buffer.buffer(INTERRUPTED_EVENT);
  }

  public static Buffer render(GatewayException e) {
    return render(e.getMessage(), type(e.kind()), e.param(), e.code());
  }

  public static Buffer render(String message, String type, Optional<String> param, Optional<String> code) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("error");
      json.writeStringField("message", message);
      json.writeStringField("type", type);
      writeNullable(json, "param", param);
      writeNullable(json, "code", code);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** OpenAI's own type names for each kind of error. */
  public static String type(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, NOT_FOUND, PAYLOAD_TOO_LARGE, OTHER_CLIENT_ERROR, CONFLICT, BILLING, CANCELLED ->
          "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case RATE_LIMITED -> "rate_limit_error";
      case INTERNAL -> "server_error";
      case PROVIDER_ERROR, NOT_IMPLEMENTED, UPSTREAM_UNAVAILABLE, UNAVAILABLE, TIMEOUT -> "upstream_error";
    };
  }

  /** The status an OpenAI error type stands for: the first kind OpenAI names so; 500 if none. */
  public static int status(String type) {
    for (ErrorKind kind : ErrorKind.values()) {
      if (type(kind).equals(type)) {
        return kind.status();
      }
    }
    return ErrorKind.INTERNAL.status();
  }

  /** A provider's error without OpenAI's shape, in OpenAI's shape. */
  public static Buffer wrap(int status, String message) {
    return render(message, type(ErrorKind.ofStatus(status)), Optional.empty(), Optional.of("upstream_http_" + status));
  }

  /** True when {@code body} is already an OpenAI error object, so it can be relayed unchanged. */
  public static boolean isOpenAiError(Buffer body) {
    try (JsonParser parser = JSON.createParser(body.getBytes())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("error".equals(name)) {
          return value == JsonToken.START_OBJECT;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static void writeNullable(JsonGenerator json, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      json.writeStringField(field, value.get());
    } else {
      json.writeNullField(field);
    }
  }
}
