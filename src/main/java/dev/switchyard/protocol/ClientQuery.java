package dev.switchyard.protocol;

import java.util.ArrayList;
import java.util.List;

/** A client's query string as a passthrough forwards it: never with the client's Switchyard key. */
public final class ClientQuery {
  private ClientQuery() {}

  /** {@code query} without its {@code key} parameter (a Switchyard key given as {@code ?key=}). */
  public static String withoutKey(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!name.equals("key") && !pair.isEmpty()) {
        kept.add(pair);
      }
    }
    return String.join("&", kept);
  }
}
