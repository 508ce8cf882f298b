package aidline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Student lookups against the product as shipped: a {@code serve} child started by the README
 * command ({@code ./aidline serve}: class-data archive, serial GC, 32 MB initial heap; plain {@code
 * java} when run outside a checkout) on the students scenario's database, a STAFF login, and wrk at
 * one connection rotating the keys. The child logs its GC pauses to a file (read before and after the
 * measured run), its CPU time gives the cost per lookup, and the disk's fsync latency is probed right
 * after, since every lookup waits for its audit row's commit.
 */
final class ServedLookups {
  private static final Pattern PAUSE = Pattern.compile("Pause.* ([\\d.]+)ms\\s*$");

  record Outcome(WrkLatency.Histograms latency, String command, int gcPauses, double gcMaxMillis, double gcTotalMillis,
      double cpuMillisPerLookup, FsyncProbe.Figures fsync, double loadBefore, double loadAfter) {}

  private ServedLookups() {}

  static Outcome run(BenchContext ctx, Path db, List<String> keys, Duration warmup, Duration measure) throws Exception {
    StartupScenario.addStaff(ctx, db);
    Path dir = Files.createDirectories(ctx.workDir().resolve("students-served"));
    Path gcLog = dir.resolve("gc.log");
    Files.deleteIfExists(gcLog);
    String gc = "-Xlog:gc:file=" + gcLog.toAbsolutePath();
    List<String> readme = StartupScenario.launcher();
    List<String> command = new ArrayList<>(readme != null ? readme : ctx.javaCommand());
    if (readme == null) {
      command.add(1, gc);
    }
    Map<String, String> env = Map.of(
        "AIDLINE_DB", db.toAbsolutePath().toString(),
        "AIDLINE_KB_DIR", ctx.baseConfig().knowledge().dirPath().toAbsolutePath().toString(),
        "AIDLINE_KB_CACHE_DIR", ctx.workDir().resolve("kb-cache").toAbsolutePath().toString(),
        "AIDLINE_KB_WATCH", "false",
        "AIDLINE_JAVA_OPTS", readme != null ? gc : "");
    try (ServeNode node = ServeNode.start(command, List.of(), env, dir.resolve("serve.log"))) {
      String token = StartupScenario.login(HttpClient.newHttpClient(), node.base());
      Path keyFile = WrkLatency.keysFile(dir, keys);
      String script = WrkLatency.lookupScript(keyFile, "/api/students/", token);
      WrkLatency.run(dir, node.base(), script, warmup);
      List<Double> pausesBefore = pauses(gcLog);
      long cpu = Machine.cpuMillis(node.pid());
      double loadBefore = load();
      WrkLatency.Histograms h = WrkLatency.run(dir, node.base(), script, measure);
      long cpuUsed = Machine.cpuMillis(node.pid()) - cpu;
      double loadAfter = load();
      List<Double> during = pauses(gcLog);
      during = during.subList(Math.min(pausesBefore.size(), during.size()), during.size());
      FsyncProbe.Figures fsync = FsyncProbe.run(dir, 1_000);
      return new Outcome(h, readme != null ? "./aidline serve" : "java (no launcher)", during.size(),
          during.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          during.stream().mapToDouble(Double::doubleValue).sum(),
          h.requests() == 0 ? Double.NaN : (double) cpuUsed / h.requests(), fsync, loadBefore, loadAfter);
    }
  }

  private static List<Double> pauses(Path gcLog) throws IOException {
    List<Double> out = new ArrayList<>();
    if (!Files.exists(gcLog)) {
      return out;
    }
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        out.add(Double.parseDouble(m.group(1)));
      }
    }
    return out;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
