package aidline.bench;

import aidline.config.AppConfig;
import aidline.demo.SyntheticStudents;
import aidline.http.Json;
import aidline.knowledge.BgeEmbedder;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Regions;
import aidline.knowledge.Retrieval;
import aidline.values.Role;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of a real {@code serve} process to /health = 200, then RSS after warm-up: with the
 * README command ({@code ./aidline serve}: the launcher maps the class-data archive {@code mvn
 * package} wrote) and, beside it in the same minutes, plain {@code java -jar} without the archive.
 * Starts alternate between the two. The knowledge base's cache folder is primed first (as after any
 * earlier run), so a start re-embeds nothing; the embedding model loads in the background. With the
 * students scenario's 1,000,000-student database in the work folder, the README command also serves
 * 2,000 lookups from it and its RSS is read after them.
 */
public final class StartupScenario implements Scenario {
  private static final String STAFF = "bench-staff";
  private static final String PASSWORD = "bench-password-1";

  @Override
  public String name() {
    return "start-up";
  }

  /** One start: wall time to /health 200, the process's CPU time at that moment, RSS after warm-up. */
  record Start(long millis, long cpuMillis, long rssMiB) {}

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    int runs = ctx.pick(3, 2);
    Path cache = ctx.workDir().resolve("kb-cache");
    Path kbDir = ctx.baseConfig().knowledge().dirPath().toAbsolutePath();
    try (KnowledgeBase primed = KnowledgeBase.open(kbDir, Retrieval.hybrid(
        new BgeEmbedder(Retrieval.QUERY_INSTRUCTION), cache))) {
      primed.passages();
    }
    List<String> readme = launcher();
    List<Start> plain = new ArrayList<>();
    List<Start> launched = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      if (readme != null) {
        launched.add(start(ctx, readme, kbDir, cache, null, null));
      }
      plain.add(start(ctx, ctx.javaCommand(), kbDir, cache, null, null));
    }
    List<Result> out = new ArrayList<>();
    String load = String.format("load avg %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (readme != null) {
      Start best = best(launched);
      out.add(Result.of(name(), "time to /health 200, `./aidline serve` (best of " + runs + ")", best.millis(), "ms", "≤ 2,500 ms",
          best.millis() >= 0 && best.millis() <= 2500).withNote(String.format("class-data archive; CPU at ready %,d ms; %s", best.cpuMillis(), load)));
      long rss = launched.stream().mapToLong(Start::rssMiB).max().orElse(-1);
      out.add(Result.of(name(), "RSS after warm-up, `./aidline serve` (empty DB, worst of " + runs + ")", rss, "MiB", "≤ 400 MiB",
          rss >= 0 && rss <= 400));
    }
    Start bestPlain = best(plain);
    out.add(Result.of(name(), "time to /health 200, `java -jar` (best of " + runs + ")", bestPlain.millis(), "ms", null, null)
        .withNote(String.format("no archive, same minutes; CPU at ready %,d ms", bestPlain.cpuMillis())));
    out.add(Result.of(name(), "RSS after warm-up, `java -jar` (empty DB, worst of " + runs + ")",
        plain.stream().mapToLong(Start::rssMiB).max().orElse(-1), "MiB", null, null));
    Path students = ctx.workDir().resolve("students").resolve("students-1000000.db");
    if (Files.exists(students)) {
      Start s = start(ctx, readme != null ? readme : ctx.javaCommand(), kbDir, cache, students, lookupKeys(ctx));
      out.add(Result.of(name(), "RSS after 2,000 lookups at 1,000,000 students", s.rssMiB(), "MiB", "≤ 400 MiB", s.rssMiB() >= 0 && s.rssMiB() <= 400)
          .withNote((readme != null ? "`./aidline serve`" : "`java -jar`") + " on the students scenario's database"));
    }
    return out;
  }

  private static Start best(List<Start> starts) {
    return starts.stream().filter(s -> s.millis() >= 0).min((a, b) -> Long.compare(a.millis(), b.millis()))
        .orElse(new Start(-1, -1, -1));
  }

  /** The README command's launcher, when run from a checkout with a built archive; else null. */
  static List<String> launcher() {
    Path script = Path.of("aidline").toAbsolutePath();
    return Files.isExecutable(script) && Files.exists(Path.of("target", "aidline.jsa")) ? List.of(script.toString()) : null;
  }

  /** Half 身份证号, half 学籍号 of the synthetic roll the students scenario imported. */
  private static List<String> lookupKeys(BenchContext ctx) {
    AppConfig cfg = ctx.baseConfig();
    SyntheticStudents synthetic = new SyntheticStudents(Regions.load(cfg.knowledge().dirPath().resolve("regions.yaml")),
        LocalDate.now());
    return List.of(StudentBench.sampleKeys(synthetic, 1_000_000, 2_000));
  }

  private Start start(BenchContext ctx, List<String> command, Path kbDir, Path cache, Path db, List<String> lookups) throws Exception {
    Path dir = Files.createTempDirectory(ctx.workDir(), "startup");
    Path dbFile = db != null ? db : dir.resolve("a.db");
    if (lookups != null) {
      addStaff(ctx, dbFile);
    }
    int port = freePort();
    List<String> cmd = new ArrayList<>(command);
    cmd.add("serve");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("AIDLINE_PORT", Integer.toString(port));
    env.put("AIDLINE_DB", dbFile.toString());
    env.put("AIDLINE_KB_DIR", kbDir.toString());
    env.put("AIDLINE_KB_CACHE_DIR", cache.toAbsolutePath().toString());
    env.put("AIDLINE_KB_WATCH", "false");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + port;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
      boolean up = false;
      while (!up && System.nanoTime() < deadline && p.isAlive()) {
        try {
          up = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding())
              .statusCode() == 200;
        } catch (IOException notYet) {
          Thread.sleep(10);
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (!up) {
        System.err.println("start-up: did not start: " + Files.readString(dir.resolve("out.log")));
        return new Start(-1, -1, -1);
      }
      long cpu = Machine.cpuMillis(p.pid());
      for (int k = 0; k < 200; k++) {
        http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.discarding());
      }
      if (lookups != null) {
        String token = login(http, base);
        for (String key : lookups) {
          HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/students/" + key))
              .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("lookup " + key + " answered " + r.statusCode());
          }
        }
      }
      return new Start(ms, cpu, Machine.rssMiB(p.pid()));
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /** A staff account in the students database, added in-process before the server takes its lock. */
  static void addStaff(BenchContext ctx, Path dbFile) {
    AppConfig base = ctx.baseConfig();
    AppConfig cfg = base.withStorage(new AppConfig.Storage(dbFile.toString(), base.storage().synchronous(), base.storage().busyTimeoutMillis()));
    try (BenchApp app = ctx.apps().open(cfg)) {
      if (app.auth().users().stream().noneMatch(u -> u.username().equals(STAFF))) {
        app.auth().addUser(STAFF, Role.STAFF, "压测", PASSWORD.toCharArray(), "bench");
      }
    }
  }

  static String login(HttpClient http, String base) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + STAFF + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login answered " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body()).path("token").asText();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
