package dev.switchyard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the recorded provider traffic in the shared fixtures folder that Maven names. */
public final class SharedFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SharedFixtures() {}

  /** The fixtures folder: {@code switchyard.shared} from Maven, else the worktree's sibling. */
  public static Path dir() {
    return Path.of(System.getProperty("switchyard.shared", "../shared")).resolve("fixtures");
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(dir().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(dir().resolve(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response body of exchange {@code index} of a case, serialized back to bytes. */
  public static byte[] responseBody(String relative, int index) {
    try {
      return JSON.writeValueAsBytes(json(relative).get("exchanges").get(index).get("response").get("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
