package dev.switchyard.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One attempt's request to a provider, ready to send: path below the provider's base URL, headers
 * with the provider's own auth already in them, and the body.
 */
public record UpstreamRequest(HttpMethod method, String path, MultiMap headers, Buffer body, boolean stream) {}
