package aidline.bench;

import aidline.config.AppConfig;
import aidline.demo.StudentDemo;
import aidline.demo.SyntheticStudents;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.knowledge.Regions;
import aidline.security.AuditLog;
import aidline.storage.Database;
import aidline.student.EntitlementRules;
import aidline.student.ImportReport;
import aidline.student.LookupAudit;
import aidline.student.StudentImporter;
import aidline.student.StudentProfile;
import aidline.student.StudentRepository;
import aidline.student.StudentRoutes;
import aidline.student.StudentService;
import aidline.student.StudentTickets;
import aidline.values.Caller;
import aidline.values.Role;
import com.sun.management.OperatingSystemMXBean;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * Measures the two targets of issue 7 on synthetic students: import rate (rows/s, file to
 * committed rows) and lookup latency at N students, in-process and over HTTP. The generated CSV and
 * the imported database are kept in {@code dir} and reused by later runs with the same N (the import
 * figure of the run that built the database is kept beside it). The later {@code bench} command calls
 * {@link #run}.
 */
public final class StudentBench {
  public record Result(
      int students,
      boolean reusedDatabase,
      double importSeconds,
      long importRowsPerSecond,
      double importCpuSeconds,
      int lookups,
      double inProcessP50Millis,
      double inProcessP99Millis,
      double httpP50Millis,
      double httpP99Millis,
      double httpP50QueuedAuditMillis,
      double httpP99QueuedAuditMillis,
      double httpP50SequentialAuditMillis,
      double httpP99SequentialAuditMillis,
      double httpP50OverlappedAuditMillis,
      double httpP99OverlappedAuditMillis,
      double loadAverage,
      String httpClient) {}

  /**
   * Sends the HTTP lookups: one server per audit policy, measured in alternating rounds so each
   * policy sees the same keys, warmth and moments of the machine.
   */
  public interface HttpRounds {
    /** A short description for the report ("wrk, 1 connection"). */
    String client();

    /** Latencies in milliseconds, one array per base URL (…/api/students/), each lookup once or more. */
    double[][] measure(List<String> bases, String[] keys) throws IOException, InterruptedException;
  }

  private final Regions regions;
  private final EntitlementRules rules;
  private final Clock clock;

  public StudentBench(Regions regions, EntitlementRules rules, Clock clock) {
    this.regions = regions;
    this.rules = rules;
    this.clock = clock;
  }

  /** With the application's regions and entitlement rules. */
  public static StudentBench of(BenchApp app) {
    return new StudentBench(app.regions(), app.students().rules(), app.clock());
  }

  public Result run(int n, int lookups, Path dir, PrintStream log) {
    return run(n, lookups, dir, log, IN_JVM);
  }

  public Result run(int n, int lookups, Path dir, PrintStream log, HttpRounds client) {
    try {
      Files.createDirectories(dir);
      Path csv = dir.resolve("students-" + n + ".csv");
      Path dbFile = dir.resolve("students-" + n + ".db");
      Path figures = dir.resolve("students-" + n + ".import.json");
      SyntheticStudents synthetic = new SyntheticStudents(regions, LocalDate.now(clock));
      if (!Files.exists(csv)) {
        log.println("生成 " + n + " 名演示学生 → " + csv);
        Path tmp = dir.resolve(csv.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          synthetic.writeRoll(w, StudentDemo.SEED, n);
        }
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
      }
      AppConfig.Storage storage = new AppConfig.Storage(dbFile.toString(), "FULL", 5000);
      boolean reuse = Files.exists(dbFile) && Files.exists(figures);
      double[] imported;
      if (reuse) {
        var saved = Json.mapper().readTree(figures.toFile());
        imported = new double[] {saved.path("importSeconds").asDouble(), saved.path("importCpuSeconds").asDouble()};
        log.println("复用已导入的数据库 " + dbFile);
      } else {
        for (String suffix : List.of("", "-wal", "-shm")) {
          Files.deleteIfExists(Path.of(dbFile + suffix));
        }
        imported = importOnce(storage, csv, log);
        Json.mapper().writeValue(figures.toFile(),
            Map.of("students", n, "importSeconds", imported[0], "importCpuSeconds", imported[1]));
      }
      double importSeconds = imported[0];
      try (Database db = Database.open(storage)) {
        StudentRepository repo = new StudentRepository(db, clock);
        AuditLog audit = new AuditLog(db, clock);
        // the service's policy: the row is queued, the lookup reads, then commits it on its own thread and answers
        StudentService service = new StudentService(repo, rules, StudentTickets.none(), LookupAudit.of(audit), regions, clock);
        String[] keys = sampleKeys(synthetic, n, lookups);
        double[] local = inProcess(service, keys);
        // measured beside it: the row committed before the lookup reads (as before issue 19), and
        // the row queued and not waited for (the policy not chosen)
        StudentService sequential = new StudentService(repo, rules, StudentTickets.none(),
            (actor, role, action, subject) -> audit.record(actor, action, subject, detail(role), null), regions, clock);
        StudentService queued = new StudentService(repo, rules, StudentTickets.none(),
            (actor, role, action, subject) -> audit.recordQueued(actor, action, subject, detail(role), null), regions, clock);
        // and the row handed to the writer thread at once, so its fsync overlaps the reads, the reply
        // waiting for it after them (the policy before this one)
        StudentService overlapped = new StudentService(repo, rules, StudentTickets.none(), new LookupAudit() {
          @Override
          public void record(String actor, Role role, String action, String subject) {
            audit.record(actor, action, subject, detail(role), null);
          }

          @Override
          public Pending begin(String actor, Role role, String action, String subject) {
            var row = audit.recordQueued(actor, action, subject, detail(role), null);
            return () -> audit.awaitCommitted(row);
          }
        }, regions, clock);
        double[][] byPolicy = overHttp(db, List.of(service, sequential, queued, overlapped), repo, keys, client);
        double[] http = byPolicy[0];
        double[] httpSequential = byPolicy[1];
        double[] httpQueued = byPolicy[2];
        double[] httpOverlapped = byPolicy[3];
        return new Result(n, reuse, importSeconds, Math.round(n / importSeconds), imported[1], keys.length,
            pct(local, 50), pct(local, 99), pct(http, 50), pct(http, 99), pct(httpQueued, 50), pct(httpQueued, 99),
            pct(httpSequential, 50), pct(httpSequential, 99), pct(httpOverlapped, 50), pct(httpOverlapped, 99),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), client.client());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * @return wall seconds and process CPU seconds: on the shared machine the CPU time says what the
   *     import costs when other processes take the cores
   */
  private double[] importOnce(AppConfig.Storage storage, Path csv, PrintStream log) throws IOException {
    try (Database db = Database.open(storage); InputStream in = Files.newInputStream(csv)) {
      StudentImporter importer = new StudentImporter(new StudentRepository(db, clock), regions, clock);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      ImportReport r = importer.importFile(StudentImporter.Kind.STUDENTS, in, StandardCharsets.UTF_8, Files.size(csv),
          StudentImporter.Progress.NONE);
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      if (r.rejectedCount() > 0) {
        throw new IllegalStateException("synthetic rows rejected: " + r.rejected().get(0));
      }
      log.printf("导入 %d 行，用时 %.1f 秒（CPU %.1f 秒）%n", r.imported(), s, cpu);
      return new double[] {s, cpu};
    }
  }

  private static String detail(Role role) {
    return role == null ? null : "role=" + role.name();
  }

  /** The keys {@link #run} looks up for N students: half 身份证号, half 学籍号, the same in every run. */
  public String[] keys(int n, int lookups) {
    return sampleKeys(new SyntheticStudents(regions, LocalDate.now(clock)), n, lookups);
  }

  static String[] sampleKeys(SyntheticStudents synthetic, int n, int lookups) {
    Random rnd = new Random(42);
    String[] keys = new String[lookups];
    for (int i = 0; i < lookups; i++) {
      StudentProfile s = synthetic.student(StudentDemo.SEED, rnd.nextInt(n));
      keys[i] = i % 2 == 0 ? s.nationalId() : s.studentNo();
    }
    return keys;
  }

  private static double[] inProcess(StudentService service, String[] keys) {
    Caller caller = new Caller("bench", Role.STAFF);
    for (int i = 0; i < Math.min(2_000, keys.length); i++) {
      service.lookup(keys[i], caller);
    }
    double[] ms = new double[keys.length];
    for (int i = 0; i < keys.length; i++) {
      long t0 = System.nanoTime();
      service.lookup(keys[i], caller);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return ms;
  }

  /**
   * One server per service, all started first, then measured by {@code client}.
   */
  private static double[][] overHttp(Database db, List<StudentService> services, StudentRepository repo, String[] keys,
      HttpRounds client) throws IOException, InterruptedException {
    // the access log would measure the console, not the service
    ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("aidline.access");
    ch.qos.logback.classic.Level before = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.WARN);
    List<Javalin> apps = new java.util.ArrayList<>();
    try {
      for (StudentService service : services) {
        Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
            new Health(db::reachable, () -> 0, "bench"),
            List.of(new StudentRoutes(service, new StudentImporter(repo, Regions.empty(), Clock.systemUTC()), 0)));
        app.start();
        apps.add(app);
      }
      return client.measure(apps.stream().map(a -> "http://127.0.0.1:" + a.port() + "/api/students/").toList(), keys);
    } finally {
      apps.forEach(Javalin::stop);
      access.setLevel(before);
    }
  }

  /**
   * The JDK's HttpClient in this JVM, each key once per server in rounds of 500 after 2,000 warm-up
   * lookups: the fallback without wrk, and {@code students bench}. The client shares this JVM's heap,
   * GC and cores with the servers.
   */
  public static final HttpRounds IN_JVM = new HttpRounds() {
    @Override
    public String client() {
      return "in-JVM client";
    }

    @Override
    public double[][] measure(List<String> bases, String[] keys) throws IOException, InterruptedException {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String base : bases) {
        for (int i = 0; i < Math.min(2_000, keys.length); i++) {
          get(client, base + keys[i]);
        }
      }
      double[][] ms = new double[bases.size()][keys.length];
      int round = 500;
      for (int from = 0; from < keys.length; from += round) {
        for (int b = 0; b < bases.size(); b++) {
          for (int i = from; i < Math.min(keys.length, from + round); i++) {
            long t0 = System.nanoTime();
            get(client, bases.get(b) + keys[i]);
            ms[b][i] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
      return ms;
    }
  };

  private static void get(HttpClient client, String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " → " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  static double pct(double[] values, int p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return Math.round(v[Math.max(0, Math.min(i, v.length - 1))] * 1000) / 1000.0;
  }
}
