package dev.switchyard.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The bench's load generator. Every run is bounded in request count and in time.
 *
 * <ul>
 *   <li>{@code --mode closed}: {@code --concurrency} callers each send the next request as soon as
 *       the last one ends, until {@code --requests} are done (or {@code --max-seconds}): throughput,
 *       and the CPU cost per request of the watched processes.
 *   <li>{@code --mode rate}: open loop, {@code --rate} requests per second to each target, the
 *       targets' slots interleaved, for {@code --seconds}; latency counts from the planned send
 *       time, so a stall is not hidden by sending later (no coordinated omission).
 *   <li>{@code --mode streams}: opens {@code --streams} streams at {@code --ramp} per second and
 *       keeps them until they end: how many completed, how many were dropped, the peak open.
 * </ul>
 *
 * <p>{@code --target NAME;URL;BODY_FILE;Header: v} (repeatable) says where load goes;
 * {@code --watch NAME=PID[@TARGET]} (repeatable) names a process whose CPU ticks and memory are
 * read at the start and end of the measured part, CPU per request being counted over TARGET's
 * requests (all requests without it). {@code --warmup-seconds} runs the same kind of load first,
 * unrecorded (on {@code --warmup-target}s if given). Figures go to {@code --out FILE} as key=value
 * lines.
 */
public final class LoadGen {
  private final Args args;
  private final List<Target> targets = new ArrayList<>();
  private final Map<String, Watched> watched = new LinkedHashMap<>();
  private final Vertx vertx;
  private final Context context;
  private final Caller caller;
  private final long clockTicksPerSecond;

  /** A process whose cost is read: its pid and which target's requests it is divided by. */
  private record Watched(long pid, String perTarget) {}

  private LoadGen(Args args) {
    this.args = args;
    for (String spec : args.all("target")) {
      targets.add(Target.parse(spec));
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one --target is needed");
    }
    for (String spec : args.all("watch")) {
      String name = spec.substring(0, spec.indexOf('='));
      String rest = spec.substring(spec.indexOf('=') + 1);
      String perTarget = rest.contains("@") ? rest.substring(rest.indexOf('@') + 1) : null;
      long pid = Long.parseLong(rest.contains("@") ? rest.substring(0, rest.indexOf('@')) : rest);
      watched.put(name, new Watched(pid, perTarget));
    }
    this.clockTicksPerSecond = args.integer("clk-tck", 100);
    int pool = Math.max(args.integer("concurrency", 1),
        Math.max(args.integer("max-outstanding", 256), args.integer("streams", 0))) + 16;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(10_000)
            .setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(pool).setMaxWaitQueueSize(-1));
    this.context = vertx.getOrCreateContext();
    this.caller = new Caller(client, args.integer("idle-timeout-ms", 60_000));
  }

  public static void main(String[] argv) throws Exception {
    LoadGen gen = new LoadGen(Args.parse(argv));
    try {
      gen.run();
    } finally {
      gen.vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private void run() throws InterruptedException {
    String mode = args.require("mode");
    double warmup = args.decimal("warmup-seconds", 0);
    if (warmup > 0) { // the load generator's own JIT and connections, before anything counts
      List<Target> measured = List.copyOf(targets);
      if (!args.all("warmup-target").isEmpty()) {
        targets.clear();
        args.all("warmup-target").forEach(spec -> targets.add(Target.parse(spec)));
      }
      Recorder ignored = new Recorder(targets);
      if (mode.equals("rate")) {
        rate(ignored, seconds(warmup));
      } else {
        closed(ignored, Long.MAX_VALUE, seconds(warmup));
      }
      String settlePid = args.get("settle-pid", null);
      if (settlePid != null) {
        settle(Long.parseLong(settlePid), seconds(args.decimal("settle-max-seconds", 60)));
      }
      targets.clear();
      targets.addAll(measured);
    }
    Recorder recorder = new Recorder(targets);
    Snapshot before = new Snapshot();
    Map<String, Long> pids = new LinkedHashMap<>();
    watched.forEach((name, process) -> pids.put(name, process.pid()));
    RssSampler rss = new RssSampler(pids, args.decimal("rss-every", 0));
    rss.start();
    long started = System.nanoTime();
    switch (mode) {
      case "closed" -> closed(recorder, args.integer("requests", 10_000), seconds(args.decimal("max-seconds", 120)));
      case "rate" -> rate(recorder, seconds(args.decimal("seconds", 10)));
      case "streams" -> streams(recorder);
      default -> throw new IllegalArgumentException("unknown --mode " + mode);
    }
    long elapsed = System.nanoTime() - started;
    rss.stop();
    Snapshot after = new Snapshot();
    Results results = new Results();
    results.put("phase", args.get("phase", mode));
    results.put("mode", mode);
    results.put("targets", String.join(",", targets.stream().map(Target::name).toList()));
    for (String name : List.of("concurrency", "requests", "rate", "seconds", "streams", "ramp", "rss-every")) {
      if (args.get(name, null) != null) {
        results.put(name.replace('-', '_'), args.get(name, null));
      }
    }
    for (String label : args.all("label")) { // facts the script knows, such as the mock's pacing
      results.put(label.substring(0, label.indexOf('=')), label.substring(label.indexOf('=') + 1));
    }
    results.put("elapsed_s", format(elapsed / 1e9));
    results.put("settled", settled);
    recorder.writeTo(results, elapsed);
    for (Map.Entry<String, Watched> entry : watched.entrySet()) {
      writeCost(results, entry.getKey(), entry.getValue(), before, after, recorder);
    }
    rss.writeTo(results);
    String out = args.get("out", null);
    if (out != null) {
      results.writeTo(Path.of(out));
    }
    printSummary(results);
  }

  /**
   * Goes on warming up, in rounds of a few seconds, until the JIT compiler threads of {@code pid}
   * use under 3% of its CPU: measuring while C2 still compiles would charge the compiler to the
   * requests. Bounded by {@code maxNanos}.
   */
  private void settle(long pid, long maxNanos) throws InterruptedException {
    long deadline = System.nanoTime() + maxNanos;
    int rounds = 0;
    double share = 1;
    while (System.nanoTime() < deadline) {
      Map<String, Long> before = ProcStats.threadTicks(pid);
      closed(new Recorder(targets), Long.MAX_VALUE, seconds(5));
      Map<String, Long> after = ProcStats.threadTicks(pid);
      long all = 0;
      long compiler = 0;
      for (Map.Entry<String, Long> entry : after.entrySet()) {
        long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        all += delta;
        if (entry.getKey().contains("Compiler")) {
          compiler += delta;
        }
      }
      rounds++;
      share = all == 0 ? 0 : (double) compiler / all;
      System.err.printf(Locale.ROOT, "  warm-up round %d: JIT compiler threads used %.1f%% of the CPU%n",
          rounds, share * 100);
      if (share < 0.03) {
        break;
      }
    }
    settled = String.format(Locale.ROOT, "%d rounds, JIT share of CPU in the last %.1f%%", rounds, share * 100);
  }

  private String settled = "not checked";

  // ---- closed loop ----

  private void closed(Recorder recorder, long maxRequests, long maxNanos) throws InterruptedException {
    int concurrency = args.integer("concurrency", 1);
    long deadline = System.nanoTime() + maxNanos;
    CountDownLatch finished = new CountDownLatch(1);
    long[] issued = {0};
    int[] active = {0};
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (issued[0] >= maxRequests || System.nanoTime() >= deadline) {
        if (--active[0] == 0) {
          finished.countDown();
        }
        return;
      }
      Target target = targets.get((int) (issued[0]++ % targets.size()));
      long start = System.nanoTime();
      caller.call(target, () -> { }, sample -> {
        recorder.record(target, start, sample);
        next[0].run();
      });
    };
    context.runOnContext(ignored -> {
      active[0] = concurrency;
      for (int i = 0; i < concurrency; i++) {
        next[0].run();
      }
    });
    if (!finished.await(maxNanos / 1_000_000 + 60_000, TimeUnit.MILLISECONDS)) {
      System.err.println("closed loop: requests still open after the time limit");
    }
  }

  // ---- open loop ----

  private void rate(Recorder recorder, long durationNanos) throws InterruptedException {
    double rate = args.decimal("rate", 100);
    int maxOutstanding = args.integer("max-outstanding", 256);
    long interval = (long) (1e9 / (rate * targets.size()));
    long slots = durationNanos / interval;
    schedule(recorder, slots, interval, maxOutstanding, seconds(args.decimal("drain-seconds", 30)));
  }

  private void streams(Recorder recorder) throws InterruptedException {
    int streams = args.integer("streams", 1000);
    long interval = (long) (1e9 / args.decimal("ramp", 500));
    long maxNanos = seconds(args.decimal("max-seconds", 180));
    long rampNanos = streams * interval;
    schedule(recorder, streams, interval, Integer.MAX_VALUE, Math.max(0, maxNanos - rampNanos));
  }

  /**
   * Sends {@code slots} requests, one every {@code interval} ns, round robin over the targets, then
   * waits up to {@code drainNanos} for the last answers; what is still open then counts as lost.
   */
  private void schedule(Recorder recorder, long slots, long interval, int maxOutstanding, long drainNanos)
      throws InterruptedException {
    long start = System.nanoTime() + 20_000_000;
    for (long k = 0; k < slots; k++) {
      long planned = start + k * interval;
      long wait = planned - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Target target = targets.get((int) (k % targets.size()));
      context.runOnContext(ignored -> {
        if (recorder.outstanding(target) >= maxOutstanding) {
          recorder.skip(target);
          return;
        }
        recorder.opened(target);
        boolean[] open = {false};
        caller.call(target, () -> {
          open[0] = true;
          recorder.streamOpen();
        }, sample -> {
          if (open[0]) {
            recorder.streamClosed();
          }
          recorder.record(target, planned, sample);
        });
      });
    }
    long deadline = System.nanoTime() + drainNanos;
    while (System.nanoTime() < deadline && recorder.totalOutstanding() > 0) {
      Thread.sleep(20);
    }
    recorder.abandonOutstanding();
  }

  // ---- process cost ----

  /** CPU ticks of each watched process, whole and per thread group, at one instant. */
  private final class Snapshot {
    private final Map<String, Long> ticks = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> threads = new LinkedHashMap<>();

    Snapshot() {
      watched.forEach((name, process) -> {
        ticks.put(name, ProcStats.cpuTicks(process.pid()));
        threads.put(name, ProcStats.threadTicks(process.pid()));
      });
    }
  }

  private void writeCost(Results results, String name, Watched process, Snapshot before, Snapshot after,
      Recorder recorder) {
    long ticks = after.ticks.get(name) - before.ticks.get(name);
    double micros = ticks * 1e6 / clockTicksPerSecond;
    long requests = process.perTarget() == null ? recorder.totalOk() : recorder.ok(process.perTarget());
    results.put("cpu." + name + ".ticks", ticks);
    results.put("cpu." + name + ".us", format(micros));
    results.put("cpu." + name + ".requests", requests);
    results.put("cpu." + name + ".us_per_req", requests == 0 ? "n/a" : format(micros / requests));
    StringBuilder groups = new StringBuilder();
    Map<String, Long> start = before.threads.get(name);
    long jit = 0;
    for (Map.Entry<String, Long> entry : after.threads.get(name).entrySet()) {
      if (entry.getKey().contains("Compiler")) {
        jit += entry.getValue() - start.getOrDefault(entry.getKey(), 0L);
      }
    }
    // JIT compilation is a one-off cost of a young JVM; without it is the steady-state cost.
    double steady = (ticks - jit) * 1e6 / clockTicksPerSecond;
    results.put("cpu." + name + ".us_excl_jit", format(steady));
    results.put("cpu." + name + ".us_per_req_excl_jit", requests == 0 ? "n/a" : format(steady / requests));
    results.put("cpu." + name + ".jit_share", ticks == 0 ? "0" : format((double) jit / ticks));
    after.threads.get(name).forEach((group, end) -> {
      long delta = end - start.getOrDefault(group, 0L);
      if (delta > 0) {
        groups.append(groups.length() == 0 ? "" : ", ").append(group).append(": ")
            .append(requests == 0 ? format(delta * 1e6 / clockTicksPerSecond) + " us"
                : format(delta * 1e6 / clockTicksPerSecond / requests) + " us/req");
      }
    });
    results.put("cpu." + name + ".threads", groups);
    results.put("mem." + name + ".rss_kb", ProcStats.statusKb(process.pid(), "VmRSS"));
    results.put("mem." + name + ".hwm_kb", ProcStats.statusKb(process.pid(), "VmHWM"));
  }

  private void printSummary(Results results) {
    StringBuilder line = new StringBuilder();
    results.asMap().forEach((key, value) -> {
      if (key.endsWith(".ok") || key.endsWith(".errors") || key.endsWith(".p50_us") || key.endsWith(".p99_us")
          || key.endsWith(".us_per_req") || key.endsWith(".rps") || key.endsWith(".peak_open")
          || key.endsWith(".error_kinds") || key.endsWith(".slope_mib_per_min") || key.endsWith(".hwm_kb")) {
        line.append("  ").append(key).append('=').append(value).append('\n');
      }
    });
    System.out.print(line);
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }
}
