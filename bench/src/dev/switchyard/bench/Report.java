package dev.switchyard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one run's result files into the summary table: each gateway figure next to the direct
 * call it is compared with, and its target. Reads {@code DIR/*.txt}, prints Markdown, and writes
 * it to {@code DIR/report.md}.
 */
public final class Report {
  private final Path dir;
  private final List<String[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private Report(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Report report = new Report(Path.of(args[0]));
    String text = report.render();
    System.out.print(text);
    Files.writeString(report.dir.resolve("report.md"), text);
  }

  private Results phase(String name) {
    Path file = dir.resolve(name + ".txt");
    return Files.exists(file) ? Results.readFrom(file) : null;
  }

  private String render() {
    cpu();
    latency();
    firstByte();
    streams();
    soak();
    peer();
    translation();
    StringBuilder out = new StringBuilder();
    Results meta = phase("meta");
    if (meta != null) {
      out.append("Run ").append(meta.get("run")).append(" — ").append(meta.get("date")).append(", gateway at commit ")
          .append(meta.get("commit")).append(", ").append(meta.get("cpus")).append(" CPUs, ")
          .append(meta.get("jdk")).append(", gateway JVM flags: ").append(meta.get("jvm_flags"))
          .append(", pinning: ").append(meta.get("pinning")).append(", load average at start: ")
          .append(meta.get("load_start")).append("\n\n");
    }
    out.append("| # | measure | result | target | verdict |\n|---|---|---|---|---|\n");
    for (String[] row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      for (String note : notes) {
        out.append("- ").append(note).append('\n');
      }
    }
    return out.toString();
  }

  private void cpu() {
    Results direct = phase("cpu-direct");
    Results gateway = phase("cpu-gateway");
    if (gateway == null) {
      return;
    }
    double perRequest = number(gateway, "cpu.gateway.us_per_req_excl_jit");
    row("1", "gateway CPU per proxied non-stream request (closed loop, " + gateway.get("concurrency")
        + " callers, " + gateway.get("t.gateway.ok") + " requests), without JIT compiler threads",
        fmt(perRequest) + " µs (all threads: " + fmt(number(gateway, "cpu.gateway.us_per_req"))
            + " µs, JIT share " + pct(number(gateway, "cpu.gateway.jit_share")) + ")",
        "< 100 µs", verdict(perRequest < 100));
    if (direct != null) {
      row("1b", "mock upstream CPU per request, called directly (reference, same closed loop)",
          fmt(number(direct, "cpu.mock.us_per_req_excl_jit")) + " µs (all threads: "
              + fmt(number(direct, "cpu.mock.us_per_req")) + " µs)", "", "");
      row("1c", "throughput, same closed loop: direct / through the gateway",
          fmt(number(direct, "t.direct.rps")) + " / " + fmt(number(gateway, "t.gateway.rps")) + " req/s", "",
          "");
    }
    Results latency = phase("latency");
    if (latency != null) {
      row("1d", "CPU per request at a low fixed rate (" + latency.get("rate") + " req/s per path, phase 2): "
          + "gateway / mock (reference)", fmt(number(latency, "cpu.gateway.us_per_req_excl_jit")) + " µs / "
          + fmt(number(latency, "cpu.mock.us_per_req_excl_jit")) + " µs", "", "");
    }
    notes.add("Where the gateway's CPU went (closed loop): " + gateway.get("cpu.gateway.threads"));
    errors(gateway, "gateway");
  }

  private void latency() {
    Results r = phase("latency");
    if (r == null) {
      return;
    }
    double p50 = number(r, "t.gateway.lat.p50_us") - number(r, "t.direct.lat.p50_us");
    double p99 = number(r, "t.gateway.lat.p99_us") - number(r, "t.direct.lat.p99_us");
    String how = "open loop, " + r.get("rate") + " req/s to each path interleaved, " + r.get("seconds") + " s";
    row("2", "added latency p50 (" + how + ")", ms(p50) + " (direct " + ms(number(r, "t.direct.lat.p50_us"))
        + ", gateway " + ms(number(r, "t.gateway.lat.p50_us")) + ")", "< 0.5 ms", verdict(p50 < 500));
    row("2b", "added latency p99", ms(p99) + " (direct " + ms(number(r, "t.direct.lat.p99_us")) + ", gateway "
        + ms(number(r, "t.gateway.lat.p99_us")) + ")", "< 3 ms", verdict(p99 < 3000));
    row("2c", "added latency p90 / max", ms(number(r, "t.gateway.lat.p90_us") - number(r, "t.direct.lat.p90_us"))
        + " / gateway max " + ms(number(r, "t.gateway.lat.max_us")) + " vs direct max "
        + ms(number(r, "t.direct.lat.max_us")), "", "");
    errors(r, "direct");
    errors(r, "gateway");
  }

  private void firstByte() {
    Results r = phase("ttfb");
    if (r == null) {
      return;
    }
    double p50 = number(r, "t.gateway.ttfb.p50_us") - number(r, "t.direct.ttfb.p50_us");
    double p99 = number(r, "t.gateway.ttfb.p99_us") - number(r, "t.direct.ttfb.p99_us");
    row("3", "added time to first byte of a stream, p50 (" + r.get("rate") + " streams/s to each path, "
        + r.get("chunks") + " chunks " + r.get("interval_ms") + " ms apart)", ms(p50) + " (direct "
        + ms(number(r, "t.direct.ttfb.p50_us")) + ", gateway " + ms(number(r, "t.gateway.ttfb.p50_us")) + ")",
        "< 1 ms", verdict(p50 < 1000));
    row("3b", "added time to first byte p99 / added total stream time p50",
        ms(p99) + " / " + ms(number(r, "t.gateway.lat.p50_us") - number(r, "t.direct.lat.p50_us")), "", "");
    row("3c", "gateway CPU per relayed stream (" + r.get("chunks") + " chunks and a usage chunk, at this rate)",
        fmt(number(r, "cpu.gateway.us_per_req_excl_jit")) + " µs", "", "");
    errors(r, "direct");
    errors(r, "gateway");
  }

  private void streams() {
    Results r = phase("streams");
    if (r == null) {
      return;
    }
    long wanted = (long) number(r, "streams");
    long ok = (long) number(r, "t.gateway.ok");
    long dropped = wanted - ok;
    long peak = (long) number(r, "peak_open");
    row("4", wanted + " concurrent streams through the gateway (" + r.get("chunks") + " chunks "
        + r.get("interval_ms") + " ms apart, opened at " + r.get("ramp") + "/s): completed / dropped / "
        + "peak open at once", ok + " / " + dropped + " / " + peak, "0 dropped, all open at once",
        verdict(dropped == 0 && peak == wanted));
    double hwm = number(r, "mem.gateway.hwm_kb") / 1024.0;
    row("4b", "gateway peak RSS (VmHWM) after the streams", fmt(hwm) + " MiB", "< 1024 MiB", verdict(hwm < 1024));
    errors(r, "gateway");
  }

  private void soak() {
    Results r = phase("soak");
    if (r == null) {
      return;
    }
    double slope = number(r, "rss.gateway.slope_mib_per_min");
    row("5", "soak: gateway RSS slope over " + r.get("seconds") + " s at " + r.get("rate")
        + " req/s per target (" + r.get("targets") + "), sampled every " + r.get("rss_every") + " s",
        fmt(slope) + " MiB/min (second half " + fmt(number(r, "rss.gateway.second_half_slope_mib_per_min"))
            + "); first " + r.get("rss.gateway.first_mib") + " MiB, last " + r.get("rss.gateway.last_mib")
            + " MiB, max " + r.get("rss.gateway.max_mib") + " MiB",
        "flat", verdict(Math.abs(number(r, "rss.gateway.second_half_slope_mib_per_min")) < 1.0));
    if (r.get("live_heap_start_kb") != null) {
      row("5b", "soak: gateway live heap after a full GC, before / after the soak",
          fmt(number(r, "live_heap_start_kb") / 1024) + " / " + fmt(number(r, "live_heap_end_kb") / 1024) + " MiB",
          "no growth", verdict(number(r, "live_heap_end_kb") - number(r, "live_heap_start_kb") < 16 * 1024));
    }
    String[] samples = r.get("rss.gateway.samples").split(" ");
    StringBuilder some = new StringBuilder();
    int step = Math.max(1, samples.length / 12);
    for (int i = 0; i < samples.length; i += step) {
      some.append(some.length() == 0 ? "" : " ").append(samples[i]);
    }
    notes.add("Soak RSS samples" + (step > 1 ? " (every " + step + "th)" : "") + ": " + some);
    for (String target : r.get("targets").split(",")) {
      errors(r, target.trim());
    }
  }

  private void peer() {
    Results cpu = phase("peer-cpu");
    Results latency = phase("peer-latency");
    if (cpu == null && latency == null) {
      return;
    }
    String peer = (cpu != null ? cpu : latency).get("peer");
    if (cpu != null) {
      row("6", peer + ": CPU per proxied non-stream request (same closed loop)",
          fmt(number(cpu, "cpu.peer.us_per_req")) + " µs (Switchyard: "
              + fmt(number(phase("cpu-gateway"), "cpu.gateway.us_per_req")) + " µs, both all threads)", "", "");
      errors(cpu, "peer");
    }
    if (latency != null) {
      double p50 = number(latency, "t.peer.lat.p50_us") - number(latency, "t.direct.lat.p50_us");
      double p99 = number(latency, "t.peer.lat.p99_us") - number(latency, "t.direct.lat.p99_us");
      double ours50 = number(latency, "t.gateway.lat.p50_us") - number(latency, "t.direct.lat.p50_us");
      double ours99 = number(latency, "t.gateway.lat.p99_us") - number(latency, "t.direct.lat.p99_us");
      row("6b", peer + ": added latency p50 / p99 (direct, Switchyard and " + peer + " interleaved, "
          + latency.get("rate") + " req/s each)",
          ms(p50) + " / " + ms(p99) + " (Switchyard in the same run: " + ms(ours50) + " / " + ms(ours99) + ")",
          "", "");
      errors(latency, "peer");
    }
  }

  /**
   * Phase 7: CPU per non-stream request and per streamed event, passthrough and each translated
   * direction, each summed over its two halves.
   */
  private void translation() {
    String[][] kinds = {
        {"passthrough", "passthrough", "OpenAI passthrough (`bench-model`)"},
        {"openai-anthropic", "openai_to_anthropic",
            "OpenAI client → Anthropic provider (`/v1/chat/completions`, `bench-claude`)"},
        {"anthropic-openai", "anthropic_to_openai",
            "Anthropic client → OpenAI provider (`/anthropic/v1/messages`, `bench-model`)"},
        {"openai-gemini", "openai_to_gemini",
            "OpenAI client → Gemini provider (`/v1/chat/completions`, `bench-gemini`)"},
        {"gemini-openai", "gemini_to_openai",
            "Gemini client → OpenAI provider (`/gemini/v1beta/models/bench-model`)"}};
    String[] letters = {"", "b", "c", "d", "e"};
    double[] chat = new double[kinds.length];
    double[] event = new double[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      Sum sum = sum("xcpu-" + kinds[i][0], kinds[i][1]);
      if (sum == null) {
        continue;
      }
      chat[i] = sum.excludingJit / sum.ok;
      row("7" + letters[i], "gateway CPU per non-stream request, " + kinds[i][2] + "; closed loop, "
          + sum.first.get("concurrency") + " callers, " + sum.ok + " requests in two halves, without JIT",
          fmt(chat[i]) + " µs (all threads " + fmt(sum.all / sum.ok) + " µs)" + versus(chat, i), "", "");
    }
    for (int i = 0; i < kinds.length; i++) {
      Sum sum = sum("xstream-" + kinds[i][0], kinds[i][1]);
      if (sum == null) {
        continue;
      }
      double chunks = number(sum.first, "chunks");
      event[i] = sum.excludingJit / (sum.ok * chunks);
      row("8" + letters[i], "gateway CPU per streamed event, " + kinds[i][2] + "; " + sum.ok + " streams of "
          + (long) chunks + " chunks " + sum.first.get("interval_ms") + " ms apart, " + sum.first.get("concurrency")
          + " at once, CPU / (streams × chunks), without JIT",
          fmt(event[i]) + " µs (all threads " + fmt(sum.all / (sum.ok * chunks)) + " µs)" + versus(event, i),
          "", "");
    }
  }

  /** The two halves of one translation measure, added up; null when neither ran. */
  private Sum sum(String phase, String target) {
    Sum sum = null;
    for (int half = 1; half <= 2; half++) {
      Results r = phase(phase + "-" + half);
      if (r == null) {
        continue;
      }
      if (sum == null) {
        sum = new Sum(r);
      }
      sum.ok += (long) number(r, "t." + target + ".ok");
      sum.all += number(r, "cpu.gateway.us");
      sum.excludingJit += number(r, "cpu.gateway.us_excl_jit");
      errors(r, target);
    }
    return sum == null || sum.ok == 0 ? null : sum;
  }

  /** Running totals over the halves of a measure; {@code first} names its settings. */
  private static final class Sum {
    final Results first;
    long ok;
    double all;
    double excludingJit;

    Sum(Results first) {
      this.first = first;
    }
  }

  /** For a translated direction, how it compares with the passthrough figure (index 0). */
  private static String versus(double[] figures, int index) {
    if (index == 0 || figures[0] <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "; %+.1f µs, %.2f× passthrough", figures[index] - figures[0],
        figures[index] / figures[0]);
  }

  private void errors(Results r, String target) {
    String errors = r.get("t." + target + ".errors");
    if (errors != null && !errors.equals("0")) {
      notes.add(r.get("phase") + ": " + target + " had " + errors + " failed requests ("
          + r.get("t." + target + ".error_kinds") + ", lost " + r.get("t." + target + ".lost") + ")");
    }
    String skipped = r.get("t." + target + ".skipped");
    if (skipped != null && !skipped.equals("0")) {
      notes.add(r.get("phase") + ": " + target + " skipped " + skipped + " sends (too many outstanding)");
    }
  }

  private void row(String number, String measure, String result, String target, String verdict) {
    rows.add(new String[] {number, measure, result, target, verdict});
  }

  private static double number(Results r, String key) {
    String value = r == null ? null : r.get(key);
    try {
      return value == null ? Double.NaN : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String ms(double micros) {
    return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
  }
}
