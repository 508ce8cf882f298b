package aidline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Student import rate and lookup latency at 1,000,000 synthetic students (20,000 in a quick run).
 * The generated file and database are cached in the work folder: a later run reuses them and
 * reports the import figure measured when the database was built.
 *
 * <p>The target row is the product as shipped ({@link ServedLookups}: {@code ./aidline serve} on the
 * database, wrk at one connection). Beside it, in this JVM, the three audit policies on three
 * servers, measured by wrk in alternating rounds (the in-JVM client only without wrk).
 */
public final class StudentScenario implements Scenario {
  @Override
  public String name() {
    return "students";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    int n = ctx.pick(1_000_000, 20_000);
    int lookups = ctx.pick(20_000, 2_000);
    Path dir = ctx.workDir().resolve("students");
    boolean wrk = new LoadClient(ctx.workDir()).usesWrk();
    StudentBench.Result r;
    List<String> keys;
    try (BenchApp app = ctx.apps().open(BenchServers.config(ctx, "students-app"))) {
      StudentBench bench = StudentBench.of(app);
      StudentBench.HttpRounds client = wrk
          ? new WrkRounds(ctx.workDir(), ctx.pick(4, 1), Duration.ofSeconds(ctx.pick(5, 2)))
          : StudentBench.IN_JVM;
      r = bench.run(n, lookups, dir, new PrintStream(System.err, true, StandardCharsets.UTF_8), client);
      keys = Arrays.asList(bench.keys(n, lookups));
    }
    String scale = String.format("%,d students", r.students());
    String reuse = r.reusedDatabase() ? "import figure from the run that built the cached database" : "imported in this run";
    List<Result> out = new ArrayList<>();
    out.add(Result.of(name(), "import rows/s (" + scale + ")", r.importRowsPerSecond(), "rows/s", "≥ 50,000 rows/s",
        r.importRowsPerSecond() >= 50_000).withNote(String.format("%s; %.1f s wall, %.1f s CPU, load avg %.1f",
        reuse, r.importSeconds(), r.importCpuSeconds(), r.loadAverage())));
    out.add(Result.of(name(), "lookup p50 in-process", r.inProcessP50Millis(), "ms", null, null));
    out.add(Result.of(name(), "lookup p99 in-process", r.inProcessP99Millis(), "ms", null, null));
    if (wrk) {
      out.addAll(served(ctx, dir.resolve("students-" + n + ".db"), keys, scale));
    }
    String policies = "servers in the bench JVM, " + r.httpClient() + ", alternating rounds";
    out.add(Result.of(name(), "lookup p99 over HTTP, in the bench JVM (" + scale + ")", r.httpP99Millis(), "ms",
            wrk ? null : "≤ 2 ms at 1M", wrk ? null : r.httpP99Millis() <= 2)
        .withNote(policies + "; the policy used: the audit row queued, the lookup reads, then commits the queued group"
            + " (fsync'd) on its own thread unless one is being committed, and answers; p50 " + Result.format(r.httpP50Millis()) + " ms"));
    out.add(Result.of(name(), "lookup p99 over HTTP, audit handed to the writer before reading (" + scale + ")",
        r.httpP99OverlappedAuditMillis(), "ms", null, null).withNote("the writer thread's fsync overlaps the reads, the reply waits"
        + " for it after them (the policy before this branch); p50 " + Result.format(r.httpP50OverlappedAuditMillis()) + " ms"));
    out.add(Result.of(name(), "lookup p99 over HTTP, audit committed before reading (" + scale + ")", r.httpP99SequentialAuditMillis(),
        "ms", null, null).withNote("as before issue 19: the fsync (through the writer thread), then the reads; p50 " + Result.format(r.httpP50SequentialAuditMillis()) + " ms"));
    out.add(Result.of(name(), "lookup p99 over HTTP, audit queued (" + scale + ")", r.httpP99QueuedAuditMillis(), "ms", null, null)
        .withNote("the other policy, not used: the audit row committed in the next group after the reply; p50 "
            + Result.format(r.httpP50QueuedAuditMillis()) + " ms"));
    return out;
  }

  private List<Result> served(BenchContext ctx, Path db, List<String> keys, String scale) throws Exception {
    ServedLookups.Outcome o = ServedLookups.run(ctx, db, keys, Duration.ofSeconds(ctx.pick(15, 3)),
        Duration.ofSeconds(ctx.pick(30, 5)));
    WrkLatency.Histograms h = o.latency();
    return List.of(
        Result.of(name(), "lookup p50 over HTTP, `" + o.command() + "` (" + scale + ")", h.millis(50), "ms", null, null)
            .withNote(String.format("wrk, 1 connection, STAFF token; %,d lookups, %,.0f/s; p90 %s ms; %d errors",
                h.requests(), h.perSecond(), Result.format(h.millis(90)), h.errors())),
        Result.of(name(), "lookup p99 over HTTP, `" + o.command() + "` (" + scale + ")", h.millis(99), "ms", "≤ 2 ms at 1M",
                h.errors() == 0 && h.millis(99) <= 2)
            .withNote(String.format("per request; p99.9 %s ms, max %s ms; wrk's own p99 (corrected for coordinated omission)"
                    + " %s ms; CPU %.3f ms per lookup; GC %d pauses, max %.1f ms, %.0f ms in all; fsync of the same disk"
                    + " right after p50 %.3f / p99 %.3f ms; load avg %.1f → %.1f",
                Result.format(h.millis(99.9)), Result.format(h.millis(100)), Result.format(h.correctedMillis(99)),
                o.cpuMillisPerLookup(), o.gcPauses(), o.gcMaxMillis(), o.gcTotalMillis(), o.fsync().p50(), o.fsync().p99(),
                o.loadBefore(), o.loadAfter())));
  }

  /** wrk at one connection against each server in turn, rounds alternating; per-request latencies. */
  private record WrkRounds(Path workDir, int rounds, Duration round) implements StudentBench.HttpRounds {
    @Override
    public String client() {
      return "wrk, 1 connection";
    }

    @Override
    public double[][] measure(List<String> bases, String[] keys) throws IOException, InterruptedException {
      Path keyFile = WrkLatency.keysFile(workDir, List.of(keys));
      List<WrkLatency.Histograms> sums = new ArrayList<>();
      for (String base : bases) {
        WrkLatency.run(workDir, root(base), script(keyFile, base), round);
        sums.add(WrkLatency.Histograms.empty());
      }
      for (int r = 0; r < rounds; r++) {
        for (int b = 0; b < bases.size(); b++) {
          sums.set(b, sums.get(b).plus(WrkLatency.run(workDir, root(bases.get(b)), script(keyFile, bases.get(b)), round)));
        }
      }
      double[][] ms = new double[bases.size()][];
      for (int b = 0; b < bases.size(); b++) {
        ms[b] = sums.get(b).perRequest().entrySet().stream()
            .flatMapToDouble(e -> java.util.stream.DoubleStream.generate(() -> e.getKey() / 1000.0).limit(e.getValue()))
            .toArray();
      }
      return ms;
    }

    private static String root(String base) {
      return base.substring(0, base.indexOf('/', "http://".length()));
    }

    private static String script(Path keyFile, String base) {
      return WrkLatency.lookupScript(keyFile, base.substring(root(base).length()), null);
    }
  }
}
