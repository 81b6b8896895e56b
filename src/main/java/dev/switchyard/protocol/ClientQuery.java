package dev.switchyard.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's query string as a passthrough forwards it: only the parameters its protocol needs
 * (Gemini's {@code alt}, Anthropic's {@code beta}), never the client's Switchyard key nor anything
 * else — a key spelt {@code k%65y} is a key too, and a parameter such as Gemini's {@code fields}
 * could strip the usage that metering reads. Names are compared decoded; what is kept is
 * re-encoded, so nothing the client wrote reaches the provider verbatim.
 */
public final class ClientQuery {
  private ClientQuery() {}

  /** The parameters of {@code query} named in {@code allowed}, in their order, as a query string. */
  public static String forwarded(String query, Set<String> allowed) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (name.isEmpty() || !allowed.contains(name.get())) {
        continue;
      }
      Optional<String> value = equals < 0 ? Optional.of("") : decode(pair.substring(equals + 1));
      value.ifPresent(v -> kept.add(encode(name.get()) + (equals < 0 ? "" : "=" + encode(v))));
    }
    return String.join("&", kept);
  }

  /** The decoded value of the first parameter named {@code name}, if any. */
  public static Optional<String> value(String query, String name) {
    if (query == null || query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (decode(equals < 0 ? pair : pair.substring(0, equals)).filter(name::equals).isPresent()) {
        return equals < 0 ? Optional.of("") : decode(pair.substring(equals + 1));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> decode(String text) {
    try {
      return Optional.of(URLDecoder.decode(text, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) { // a broken %-escape: not a parameter anyone needs
      return Optional.empty();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
