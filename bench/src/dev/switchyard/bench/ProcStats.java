package dev.switchyard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Linux says about a process: CPU ticks (utime + stime from {@code /proc/PID/stat}), the same
 * per thread grouped by thread name, and memory lines of {@code /proc/PID/status} (VmRSS, VmHWM).
 */
final class ProcStats {
  private ProcStats() {}

  /** utime + stime of the whole process, in clock ticks. */
  static long cpuTicks(long pid) {
    return ticksOf(Path.of("/proc/" + pid + "/stat"));
  }

  /**
   * Ticks per thread group: thread names with their trailing numbers dropped, so the event loops
   * add up under one name and the GC workers under another.
   */
  static Map<String, Long> threadTicks(long pid) {
    Map<String, Long> groups = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          groups.merge(group(name), ticksOf(stat), Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked: its ticks are gone with it
        }
      }
    } catch (IOException e) {
      return groups;
    }
    return groups;
  }

  /** A line of /proc/PID/status such as VmRSS or VmHWM, in KiB; -1 when unreadable. */
  static long statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static boolean alive(long pid) {
    return Files.exists(Path.of("/proc/" + pid + "/stat"));
  }

  private static long ticksOf(Path statFile) {
    try {
      return ticksOf(Files.readString(statFile));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + statFile + ": " + e.getMessage());
    }
  }

  /** Fields 14 and 15 (utime, stime), counted after the ")" that closes the command name. */
  private static long ticksOf(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) is fields[12]
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static String group(String threadName) {
    String name = threadName.replaceAll("[#\\-]?\\d+$", "").trim();
    return name.isEmpty() ? threadName : name;
  }
}
