package dev.switchyard.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.error.GatewayException;
import dev.switchyard.protocol.InlineDataUrls;
import dev.switchyard.protocol.JsonTrees;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gemini's media parts and canonical images and documents, both ways. {@code inlineData} is inline
 * base64; {@code fileData} is a URI Gemini fetches: a Files API file ({@code files/abc} or its
 * {@code https://generativelanguage.googleapis.com/.../files/abc} URL, a canonical file id) or any
 * other URL (public or signed HTTP(S), {@code gs://}). A media type starting with {@code image/} is
 * an image, anything else a document; {@code fileData} may omit its media type, which is then
 * guessed from the URI's extension, and left out when unknown (Gemini then works it out itself).
 */
final class GeminiMedia {
  private static final Pattern FILES_API = Pattern.compile(
      "^(files/[^/]+|https://generativelanguage\\.googleapis\\.com/[^?#]*/files/[^/?#]+.*)$");
  private static final Map<String, String> TYPES_BY_EXTENSION = Map.ofEntries(
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
      Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
      Map.entry("md", "text/markdown"), Map.entry("html", "text/html"), Map.entry("csv", "text/csv"),
      Map.entry("json", "application/json"), Map.entry("xml", "text/xml"), Map.entry("mp3", "audio/mpeg"),
      Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"));

  private GeminiMedia() {}

  static boolean isGeminiFile(String uri) {
    return FILES_API.matcher(uri).matches();
  }

  /** A client's {@code inlineData} part. */
  static ContentPart fromInlineData(JsonNode blob, String path) {
    String mimeType = GeminiFields.string(blob, "mimeType").filter(m -> !m.isBlank()).orElseThrow(() ->
        GatewayException.invalidRequest(path, path + ".inlineData: mimeType is required."));
    String data = GeminiFields.string(blob, "data").orElseThrow(() ->
        GatewayException.invalidRequest(path, path + ".inlineData: data is required."));
    return part(mimeType, new MediaSource.Base64(mimeType.toLowerCase(Locale.ROOT), data));
  }

  /** A client's {@code fileData} part. */
  static ContentPart fromFileData(JsonNode file, String path) {
    String uri = GeminiFields.string(file, "fileUri").filter(u -> !u.isBlank()).orElseThrow(() ->
        GatewayException.invalidRequest(path, path + ".fileData: fileUri is required."));
    Optional<String> mimeType = GeminiFields.string(file, "mimeType").filter(m -> !m.isBlank())
        .or(() -> guessType(uri));
    MediaSource source = isGeminiFile(uri) ? new MediaSource.FileId(uri) : new MediaSource.Url(uri);
    return part(mimeType.orElse(""), source);
  }

  private static ContentPart part(String mimeType, MediaSource source) {
    return mimeType.toLowerCase(Locale.ROOT).startsWith("image/")
        ? new ContentPart.Image(source, Optional.empty())
        : new ContentPart.Document(source, Optional.empty());
  }

  /**
   * A canonical image or document as a Gemini part. {@code where} names it in errors.
   */
  static ObjectNode toPart(MediaSource source, String where) {
    ObjectNode part = JsonTrees.object();
    switch (InlineDataUrls.resolve(source)) {
      case MediaSource.Base64 b -> part.putObject("inlineData").put("mimeType", b.mediaType()).put("data", b.data());
      case MediaSource.Url u -> {
        ObjectNode file = part.putObject("fileData");
        guessType(u.url()).ifPresent(type -> file.put("mimeType", type));
        file.put("fileUri", u.url());
      }
      case MediaSource.FileId f -> {
        if (!isGeminiFile(f.id())) {
          throw GatewayException.invalidRequest(where, "The file id '" + f.id()
              + "' is not a Gemini file (files/... or its generativelanguage.googleapis.com URL).");
        }
        part.putObject("fileData").put("fileUri", f.id());
      }
    }
    return part;
  }

  /** The media type a URI's extension implies, if a common one. */
  static Optional<String> guessType(String uri) {
    String path = uri;
    int end = path.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = path.indexOf(stop);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    path = path.substring(0, end);
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < path.lastIndexOf('/')) {
      return Optional.empty();
    }
    return Optional.ofNullable(TYPES_BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }
}
