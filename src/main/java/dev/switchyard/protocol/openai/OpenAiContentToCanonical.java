package dev.switchyard.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.canonical.ContentPart;
import dev.switchyard.canonical.MediaSource;
import dev.switchyard.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI message's {@code content} (a string, an array of typed parts, or null) to canonical
 * content parts. A {@code refusal} part becomes text, since the conversation history only needs
 * what was said; {@code input_audio} and unknown part types are refused with a 400 naming them.
 */
final class OpenAiContentToCanonical {
  private static final Set<String> IMAGE_KEYS = Set.of("url", "detail");
  private static final Set<String> FILE_DATA_KEYS = Set.of("file_data", "filename");
  private static final Set<String> FILE_ID_KEYS = Set.of("file_id", "filename");

  private OpenAiContentToCanonical() {}

  static List<ContentPart> parts(JsonNode content, String path, List<String> dropped) {
    if (content == null || content.isNull() || content.isMissingNode()) {
      return List.of();
    }
    if (content.isTextual()) {
      return List.of(ContentPart.text(content.asText()));
    }
    if (!content.isArray()) {
      throw GatewayException.invalidRequest(path,
          "Invalid type for '" + path + "': expected a string or an array of content parts.");
    }
    List<ContentPart> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      parts.add(part(content.get(i), path + "[" + i + "]", dropped));
    }
    return parts;
  }

  private static ContentPart part(JsonNode part, String path, List<String> dropped) {
    if (part.isTextual()) { // some clients send bare strings in the array
      return ContentPart.text(part.asText());
    }
    String type = part.path("type").asText("");
    ContentPart result = switch (type) {
      case "text" -> ContentPart.text(requiredText(part, "text", path));
      case "refusal" -> ContentPart.text(requiredText(part, "refusal", path));
      case "image_url" -> image(part.path("image_url"), path);
      case "file" -> document(part.path("file"), path);
      case "input_audio" -> throw GatewayException.invalidRequest(path + ".type",
          "The content part type 'input_audio' (at '" + path + "') cannot be translated for this model: "
              + "audio input is only passed through to OpenAI models.");
      default -> throw GatewayException.invalidRequest(path + ".type",
          "Unknown content part type '" + type + "' at '" + path + "'.");
    };
    reportExtraKeys(part, type, path, dropped);
    return result;
  }

  private static ContentPart image(JsonNode image, String path) {
    String url = image.isTextual() ? image.asText() : requiredText(image, "url", path + ".image_url");
    MediaSource source = DataUrls.parse(url).<MediaSource>map(m -> m)
        .orElseGet(() -> new MediaSource.Url(url));
    Optional<String> detail = image.path("detail").isTextual()
        ? Optional.of(image.path("detail").asText()) : Optional.empty();
    return new ContentPart.Image(source, detail);
  }

  private static ContentPart document(JsonNode file, String path) {
    Optional<String> filename = file.path("filename").isTextual()
        ? Optional.of(file.path("filename").asText()) : Optional.empty();
    if (file.path("file_data").isTextual()) {
      String data = file.path("file_data").asText();
      // OpenAI documents file_data as base64; in practice it is a data URL. Bare base64 is a PDF,
      // the one file type chat completions reads.
      MediaSource.Base64 media = DataUrls.parse(data)
          .orElseGet(() -> new MediaSource.Base64("application/pdf", data));
      return new ContentPart.Document(media, filename);
    }
    if (file.path("file_id").isTextual()) {
      return new ContentPart.Document(new MediaSource.FileId(file.path("file_id").asText()), filename);
    }
    throw GatewayException.invalidRequest(path + ".file",
        "The file content part at '" + path + "' needs 'file_data' or 'file_id'.");
  }

  /** Keys beside a part's own (such as {@code prompt_cache_breakpoint}) have no canonical place. */
  private static void reportExtraKeys(JsonNode part, String type, String path, List<String> dropped) {
    DroppedFields.reportOthers(part, Set.of("type", type), path, dropped);
    JsonNode body = part.path(type);
    if (type.equals("image_url") && body.isObject()) {
      DroppedFields.reportOthers(body, IMAGE_KEYS, path + ".image_url", dropped);
    } else if (type.equals("file") && body.isObject()) {
      // file_data wins over file_id when a client sends both
      DroppedFields.reportOthers(body, body.path("file_data").isTextual() ? FILE_DATA_KEYS : FILE_ID_KEYS,
          path + ".file", dropped);
    }
  }

  static String requiredText(JsonNode node, String field, String path) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw GatewayException.invalidRequest(path + "." + field,
          "Missing or invalid '" + path + "." + field + "': expected a string.");
    }
    return value.asText();
  }
}
