package dev.switchyard;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Entry point of the jar. It is compiled for old JDKs so that {@code java -jar switchyard.jar} also
 * works where the default {@code java} is older than 21: it then finds a JDK 21+ and re-runs the
 * jar on it, passing arguments, standard streams, signals and the exit code through.
 */
public final class Launcher {
  private static final int REQUIRED_FEATURE_VERSION = 21;

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (Runtime.version().feature() >= REQUIRED_FEATURE_VERSION) {
      try {
        Class.forName("dev.switchyard.Switchyard")
            .getMethod("main", String[].class)
            .invoke(null, (Object) args);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      }
      return;
    }
    Path java = findJava();
    if (java == null) {
      System.err.println("Switchyard needs Java " + REQUIRED_FEATURE_VERSION + " or newer; this is Java "
          + Runtime.version().feature() + " and no newer JDK was found. Set JAVA_HOME to a JDK "
          + REQUIRED_FEATURE_VERSION + "+.");
      System.exit(1);
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    // What the jar's manifest grants with -jar, which -cp does not read: SQLite's native library loads quietly.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
    command.add(Launcher.class.getName());
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      child.destroy();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    System.exit(child.waitFor());
  }

  private static Path findJava() {
    List<Path> homes = new ArrayList<>();
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isEmpty()) {
      homes.add(Paths.get(javaHome));
    }
    for (String root : new String[] {"/usr/lib/jvm", "/opt/java", "/Library/Java/JavaVirtualMachines",
        System.getProperty("user.home") + "/.sdkman/candidates/java"}) {
      Path dir = Paths.get(root);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> children = Files.list(dir)) {
          children.sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()))
              .forEach(child -> {
                homes.add(child);
                homes.add(child.resolve("Contents/Home"));
              });
        } catch (Exception ignored) {
          // an unreadable folder is just not a candidate
        }
      }
    }
    for (Path home : homes) {
      Path java = home.resolve("bin/java");
      if (Files.isExecutable(java) && featureVersion(home) >= REQUIRED_FEATURE_VERSION) {
        return java;
      }
    }
    return null;
  }

  /** Reads JAVA_VERSION from the JDK's {@code release} file, which every modern JDK ships. */
  private static int featureVersion(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (Exception ignored) {
      // no release file: not a JDK we can vouch for
    }
    return 0;
  }
}
