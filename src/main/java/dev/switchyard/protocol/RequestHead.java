package dev.switchyard.protocol;

import io.vertx.core.MultiMap;

/**
 * What a client's request says besides its body: the path and query (Gemini puts the model and
 * the stream form there) and the headers (Anthropic's version and betas travel in them).
 *
 * @param query the raw query string, empty when there is none
 */
public record RequestHead(String path, String query, MultiMap headers) {
  public RequestHead {
    query = query == null ? "" : query;
  }

  /** A head with only a path, for requests built in code. */
  public static RequestHead of(String path) {
    return new RequestHead(path, "", MultiMap.caseInsensitiveMultiMap());
  }
}
