package dev.switchyard.canonical;

/** Where the bytes of an image or document are. */
public sealed interface MediaSource {

  /** A URL the provider (or Switchyard, where the operator allows) fetches. */
  record Url(String url) implements MediaSource {}

  /** Inline bytes, base64-encoded, with their media type (image/png, application/pdf...). */
  record Base64(String mediaType, String data) implements MediaSource {}

  /** A file already uploaded to the provider. */
  record FileId(String id) implements MediaSource {}
}
