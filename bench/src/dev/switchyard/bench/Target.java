package dev.switchyard.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the load goes and what it sends, from {@code NAME;URL;BODY_FILE[;Header: value]...}.
 * The direct and the gateway target send the same body file; only the URL and headers differ. A
 * body with {@code "stream": true}, or a Gemini {@code :streamGenerateContent} URL, makes the
 * answer count as good only if it ends with the client protocol's final event (see {@link Caller}).
 * The protocol is read from the path: Anthropic's Messages API ends with {@code /messages},
 * Gemini's model methods are below {@code /v1beta/models/}.
 *
 * @param path the path and query sent
 */
record Target(String name, String host, int port, String path, MultiMap headers, Buffer body, boolean stream,
    Protocol protocol) {
  /** The client protocol a target speaks, which says how its stream ends. */
  enum Protocol {
    OPENAI,
    ANTHROPIC,
    GEMINI;

    static Protocol of(String path) {
      if (path.endsWith("/messages")) {
        return ANTHROPIC;
      }
      return path.contains("/v1beta/models/") ? GEMINI : OPENAI;
    }
  }

  static Target parse(String spec) {
    String[] parts = spec.split(";");
    if (parts.length < 3) {
      throw new IllegalArgumentException("target needs NAME;URL;BODY_FILE, got " + spec);
    }
    URI uri = URI.create(parts[1]);
    String host = uri.getHost();
    if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
      throw new IllegalArgumentException("the bench only targets 127.0.0.1, not " + host);
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/json");
    for (int i = 3; i < parts.length; i++) {
      int colon = parts[i].indexOf(':');
      headers.add(parts[i].substring(0, colon).trim(), parts[i].substring(colon + 1).trim());
    }
    try {
      Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(parts[2])));
      String path = uri.getRawPath();
      Protocol protocol = Protocol.of(path);
      boolean stream = protocol == Protocol.GEMINI ? path.endsWith(":streamGenerateContent")
          : MockUpstream.isTrue(body.getBytes(), "\"stream\"");
      String query = uri.getRawQuery();
      return new Target(parts[0], host, uri.getPort(), query == null ? path : path + "?" + query, headers, body,
          stream, protocol);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RequestOptions options(long idleTimeoutMs) {
    return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
        .setHeaders(headers).setIdleTimeout(idleTimeoutMs);
  }
}
