package aidline.bench;

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
        .run(ctx.pick(3000, 600), 50);
    double ratio = f.httpCreatesPerSecond() / f.rawInsertsPerSecond();
    return List.of(
        Result.of(name(), "HTTP creates/s (50 clients, group commit)", f.httpCreatesPerSecond(), "/s", null, null)
            .withNote(String.format("%.1f orders per commit, synchronous=%s", f.writesPerCommit(), f.synchronous())),
        Result.of(name(), "raw INSERT one row per commit", f.rawInsertsPerSecond(), "/s", null, null),
        Result.of(name(), "ratio HTTP / raw", ratio, "×", "≥ 1.0×", ratio >= 1.0));
  }
}
