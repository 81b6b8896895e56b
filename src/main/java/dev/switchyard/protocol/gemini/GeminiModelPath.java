package dev.switchyard.protocol.gemini;

import dev.switchyard.error.ErrorKind;
import dev.switchyard.error.GatewayException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code models/{model}:{method}} part of a Gemini URL, both ways: read from a client's path
 * (validated, so no path trick such as {@code ..}, {@code ?} or an encoded slash reaches an
 * upstream URL) and written for a provider's.
 *
 * @param version the API version the client used, {@code v1beta} or {@code v1}
 */
public record GeminiModelPath(String version, String model, GeminiAction action) {
  /** Model names as Gemini and Switchyard's own routes spell them: {@code gemini-2.5-flash}, {@code team/alias}. */
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]*(/[A-Za-z0-9][A-Za-z0-9._@+:-]*)*");
  public static final String PREFIX = "/gemini/";

  /** Whether {@code path} is one of the Gemini model methods below {@code /gemini}. */
  public static boolean isModelMethod(String path) {
    return path.startsWith("/gemini/v1beta/models/") || path.startsWith("/gemini/v1/models/");
  }

  /** Parses a client's path; throws a 404 for an unknown method and a 400 for a malformed model. */
  public static GeminiModelPath parse(String path) {
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String version = rest.substring(0, slash);
    String resource = rest.substring(slash + "/models/".length());
    int colon = resource.lastIndexOf(':');
    if (colon < 0) {
      throw new GatewayException(ErrorKind.NOT_FOUND, "not_found", null,
          "Unknown path: " + path + " (expected models/{model}:{method}).");
    }
    String method = resource.substring(colon + 1);
    GeminiAction action = GeminiAction.byMethod(method).orElseThrow(() -> new GatewayException(
        ErrorKind.NOT_FOUND, "not_found", null, "Method '" + method
            + "' is not served here; use generateContent, streamGenerateContent, embedContent, "
            + "batchEmbedContents or countTokens."));
    String model = validModel(resource.substring(0, colon)).orElseThrow(() -> GatewayException.invalidRequest(
        "model", "The model in the URL is not a valid model name."));
    return new GeminiModelPath(version, model, action);
  }

  /** A decoded model name if it is one; the {@code models/} prefix a body may repeat is removed. */
  public static Optional<String> validModel(String raw) {
    String decoded;
    try {
      decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.startsWith("models/")) {
      decoded = decoded.substring("models/".length());
    }
    if (decoded.length() > 256 || !MODEL.matcher(decoded).matches() || decoded.contains("..")) {
      return Optional.empty();
    }
    return Optional.of(decoded);
  }

  /**
   * The path of {@code method} on {@code upstreamModel} below a provider's base URL: the version is
   * added unless the base URL already ends with one.
   */
  public static String upstreamPath(String basePath, String version, String upstreamModel, GeminiAction action) {
    String model = validModel(upstreamModel).orElseThrow(() -> GatewayException.badGateway(
        "The configured upstream model '" + upstreamModel + "' is not a valid Gemini model name."));
    boolean versioned = basePath.endsWith("/v1beta") || basePath.endsWith("/v1") || basePath.endsWith("/v1alpha");
    return (versioned ? "" : "/" + version) + "/models/" + model + ":" + action.method();
  }
}
