package dev.switchyard.testing.agents;

import dev.switchyard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The task every agent CLI run is given: read a note in its workspace with its file tool and say
 * what it says. The fake model asks for the tool, then answers {@link #FINAL_TEXT}.
 */
public final class NoteTask {
  public static final Duration RUN_LIMIT = Duration.ofSeconds(90);
  public static final String PROMPT = "What does note.txt say?";
  public static final String NOTE = "The launch code is AMBER-7.";
  public static final String FINAL_TEXT = "The note says the launch code is AMBER-7.";

  private NoteTask() {}

  /** Writes the note into the workspace as {@code fileName}. */
  public static Path writeNote(CliRun run, String fileName) throws IOException {
    return Files.writeString(run.workDir().resolve(fileName), NOTE + "\n");
  }

  /** The script a fake model plays: call {@code tool} on the note, then answer from it. */
  public static ToolScript script(String tool, Path note) {
    return new ToolScript(tool, Fixtures.JSON.createObjectNode().put("file_path", note.toString()), FINAL_TEXT,
        "OK.");
  }
}
