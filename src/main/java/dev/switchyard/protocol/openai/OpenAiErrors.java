package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchyard.pipeline.GatewayException;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** OpenAI's error JSON: {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {
  private static final JsonFactory JSON = new JsonFactory();

  private OpenAiErrors() {}

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

  /** OpenAI's own type names for each error category. */
  public static String type(GatewayException.ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, NOT_FOUND, PAYLOAD_TOO_LARGE -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case RATE_LIMITED -> "rate_limit_error";
      case UPSTREAM -> "upstream_error";
      case INTERNAL -> "server_error";
    };
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
