package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.JsonRequestScanner;
import java.io.IOException;
import java.util.Map;

/**
 * Parses a client's OpenAI request body: the shared one-pass scan (well-formed UTF-8 JSON, field
 * types, no repeated keys, the model's offsets) plus where {@code stream_options} stands, which
 * the gateway edits to meter streams.
 */
public final class OpenAiRequestParser {
  private OpenAiRequestParser() {}

  public static OpenAiRequest parse(OpenAiEndpoint endpoint, byte[] body) {
    OpenAiRequest.StreamOptions[] streamOptions = {OpenAiRequest.StreamOptions.ABSENT};
    JsonRequestScanner.Scan scan = JsonRequestScanner.scan(body, endpoint.schema(), Map.of("stream_options",
        (parser, value, keyStart, valueStart) -> streamOptions[0] = streamOptions(parser, value, keyStart, valueStart)));
    return new OpenAiRequest(endpoint, body, scan.model(), scan.modelStart(), scan.modelEnd(), scan.stream(),
        streamOptions[0], scan.rootEnd());
  }

  private static OpenAiRequest.StreamOptions streamOptions(JsonParser parser, JsonToken value, int keyStart,
      int valueStart) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      int end = (int) parser.currentLocation().getByteOffset();
      return new OpenAiRequest.StreamOptions(keyStart, valueStart, end, true, false, -1, -1, false);
    }
    boolean empty = true;
    int includeStart = -1;
    int includeEnd = -1;
    boolean include = false;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      empty = false;
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      if ("include_usage".equals(name)) {
        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE && v != JsonToken.VALUE_NULL) {
          throw GatewayException.invalidRequest("stream_options.include_usage",
              "Invalid type for 'stream_options.include_usage': expected a boolean.");
        }
        includeStart = (int) parser.currentTokenLocation().getByteOffset();
        includeEnd = (int) parser.currentLocation().getByteOffset();
        include = v == JsonToken.VALUE_TRUE;
      } else {
        parser.skipChildren();
      }
    }
    int end = (int) parser.currentLocation().getByteOffset();
    return new OpenAiRequest.StreamOptions(keyStart, valueStart, end, false, empty, includeStart, includeEnd,
        include);
  }
}
