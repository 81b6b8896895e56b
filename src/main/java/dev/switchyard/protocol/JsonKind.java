package dev.switchyard.protocol;

/** The JSON shapes a checked request field may take; {@code null} is accepted for every optional field. */
public enum JsonKind {
  STRING("a string"),
  NUMBER("a number"),
  INTEGER("an integer"),
  BOOLEAN("a boolean"),
  OBJECT("an object"),
  ARRAY("an array"),
  ARRAY_OF_OBJECTS("an array of objects"),
  STRING_OR_OBJECT("a string or an object"),
  STRING_OR_ARRAY("a string or an array");

  final String description;

  JsonKind(String description) {
    this.description = description;
  }
}
