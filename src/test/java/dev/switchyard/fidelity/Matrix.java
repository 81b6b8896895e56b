package dev.switchyard.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** The fidelity matrix being filled: one row per case, direction and aspect, rendered as markdown. */
final class Matrix {
  /** How a cell came out. */
  enum Status { PASS, LOSS, FAIL, SKIP }

  /** One cell: {@code note} says why for a loss, a failure or a skip. */
  record Row(String testCase, String direction, String aspect, Status status, String note) {}

  /** A check that throws (an AssertionError or any exception) when the aspect is not kept. */
  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }

  private final List<Row> rows = new ArrayList<>();

  void check(String testCase, String direction, String aspect, Check check) {
    try {
      check.run();
      add(testCase, direction, aspect, Status.PASS, "");
    } catch (Exception | AssertionError e) {
      add(testCase, direction, aspect, Status.FAIL, firstLine(e));
    }
  }

  /** Like {@link #check}, for a check that passes with something worth saying ({@code null}: nothing). */
  void checkWithNote(String testCase, String direction, String aspect, Callable<String> check) {
    try {
      String note = check.call();
      add(testCase, direction, aspect, Status.PASS, note == null ? "" : note);
    } catch (Exception | AssertionError e) {
      add(testCase, direction, aspect, Status.FAIL, firstLine(e));
    }
  }

  Cells cells(String testCase, String direction) {
    return new Cells(testCase, direction);
  }

  /** The cells of one case in one direction. */
  final class Cells {
    private final String testCase;
    private final String direction;

    private Cells(String testCase, String direction) {
      this.testCase = testCase;
      this.direction = direction;
    }

    void check(String aspect, Check check) {
      Matrix.this.check(testCase, direction, aspect, check);
    }

    void checkWithNote(String aspect, Callable<String> check) {
      Matrix.this.checkWithNote(testCase, direction, aspect, check);
    }

    void add(String aspect, Status status, String note) {
      Matrix.this.add(testCase, direction, aspect, status, note);
    }

    /** A loss row naming the fields a translation reported dropped, if any. */
    void dropped(String aspect, List<String> dropped) {
      if (!dropped.isEmpty()) {
        add(aspect, Status.LOSS, String.join(", ", dropped));
      }
    }
  }

  void add(String testCase, String direction, String aspect, Status status, String note) {
    rows.add(new Row(testCase, direction, aspect, status, note));
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  List<Row> failures() {
    return rows.stream().filter(r -> r.status() == Status.FAIL).toList();
  }

  Map<Status, Integer> totals() {
    Map<Status, Integer> totals = new TreeMap<>();
    for (Status status : Status.values()) {
      totals.put(status, 0);
    }
    rows.forEach(r -> totals.merge(r.status(), 1, Integer::sum));
    return totals;
  }

  /** The table as markdown, totals first. */
  String markdown() {
    StringBuilder out = new StringBuilder();
    Map<Status, Integer> totals = totals();
    out.append("Totals: ").append(rows.size()).append(" cells — ")
        .append(totals.get(Status.PASS)).append(" pass, ")
        .append(totals.get(Status.LOSS)).append(" documented loss, ")
        .append(totals.get(Status.FAIL)).append(" fail, ")
        .append(totals.get(Status.SKIP)).append(" skipped.\n\n");
    out.append("| case | direction | aspect | result | note |\n|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.testCase()).append(" | ").append(row.direction()).append(" | ")
          .append(row.aspect()).append(" | ").append(label(row.status())).append(" | ")
          .append(escape(row.note())).append(" |\n");
    }
    return out.toString();
  }

  private static String label(Status status) {
    return switch (status) {
      case PASS -> "pass";
      case LOSS -> "documented loss";
      case FAIL -> "**FAIL**";
      case SKIP -> "skipped";
    };
  }

  private static String escape(String note) {
    return note.replace("|", "\\|").replace("\n", " ");
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
