package aidline.bench;

import java.time.Duration;
import java.util.List;

/** Durable work-order creates over HTTP beside a raw one-row-per-commit insert loop, same run. */
public final class TicketScenario implements Scenario {
  @Override
  public String name() {
    return "work-orders";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    TicketBench.Figures f = new TicketBench(BenchServers.config(ctx, "tickets"), ctx.workDir().resolve("tickets"), ctx.apps())
        .run(ctx.pick(3000, 600), 50, Duration.ofSeconds(ctx.pick(15, 5)));
    double ratio = f.httpCreatesPerSecond() / f.rawInsertsPerSecond();
    String latency = Double.isNaN(f.p99Millis()) ? "" : String.format("; p50 %.1f ms, p99 %.1f ms; %d errors", f.p50Millis(), f.p99Millis(), f.errors());
    return List.of(
        Result.of(name(), "HTTP creates/s (" + f.client() + ", 50 connections, group commit)", f.httpCreatesPerSecond(), "/s", null, null)
            .withNote(String.format("%.1f writes per commit, synchronous=%s", f.writesPerCommit(), f.synchronous()) + latency),
        Result.of(name(), "raw INSERT one row per commit", f.rawInsertsPerSecond(), "/s", null, null),
        Result.of(name(), "ratio HTTP / raw", ratio, "×", "≥ 1.0×", ratio >= 1.0));
  }
}
