package aidline.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders results as a console table and as BENCHMARKS.md-style Markdown. */
public final class BenchReport {
  private BenchReport() {}

  public static String markdown(List<Result> results, String command, boolean quick, ZonedDateTime when) {
    StringBuilder sb = new StringBuilder();
    sb.append("# aidline benchmarks\n\n");
    sb.append("- date: ").append(when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
    sb.append("- machine: ").append(Machine.describe()).append('\n');
    sb.append("- command: `").append(command).append("`").append(quick ? " (quick run: fewer and shorter rounds)" : "").append('\n');
    sb.append("\nFigures are measured side by side in one run on the same machine; compare ratios, not absolute times across runs.\n\n");
    sb.append("| scenario | metric | value | target | status | note |\n|---|---|---|---|---|---|\n");
    for (Result r : results) {
      sb.append("| ").append(r.scenario()).append(" | ").append(r.metric()).append(" | ").append(r.value()).append(" | ")
          .append(r.target() == null ? "" : r.target()).append(" | ").append(status(r)).append(" | ")
          .append(r.note() == null ? "" : r.note().replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }
    return sb.toString();
  }

  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    for (Result r : results) {
      sb.append(String.format("%-14s %-48s %18s  %-22s %s%n", r.scenario(), r.metric(), r.value(),
          r.target() == null ? "" : r.target(), status(r)));
    }
    return sb.toString();
  }

  static String status(Result r) {
    return r.met() == null ? "—" : r.met() ? "met" : "missed";
  }
}
