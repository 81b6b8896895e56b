package dev.switchyard.canonical;

/** Who wrote a message. Developer instructions are kept apart from system ones where a protocol has both. */
public enum Role {
  SYSTEM,
  DEVELOPER,
  USER,
  ASSISTANT
}
