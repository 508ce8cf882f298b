package aidline.bench;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.ticket.Ticket;
import aidline.ticket.TicketRepository;
import aidline.ticket.TicketStatus;
import aidline.values.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work-order write throughput, for the {@code bench} command: orders created per second over HTTP
 * (real server, concurrent clients, group commit) beside a raw loop that inserts the same rows
 * into the same schema one row per commit, with the same SQLite durability settings, same run.
 */
public final class TicketBench {
  public record Figures(
      int orders, int clients, String synchronous, double httpCreatesPerSecond, double writesPerCommit, double rawInsertsPerSecond,
      String client, double p50Millis, double p99Millis, long errors) {
    public String report() {
      return String.format(
          "work orders, %d orders, %d HTTP clients, SQLite WAL synchronous=%s%n"
              + "  HTTP POST /api/tickets  : %8.1f orders/s (group commit: %.1f orders per commit)%n"
              + "  raw INSERT, 1 row/commit: %8.1f rows/s%n",
          orders, clients, synchronous, httpCreatesPerSecond, writesPerCommit, rawInsertsPerSecond);
    }
  }

  private final AppConfig base;
  private final Path workDir;
  private final BenchApp.Factory apps;

  /** @param base configuration to run with (its database and port are replaced by ones in workDir) */
  public TicketBench(AppConfig base, Path workDir, BenchApp.Factory apps) {
    this.base = base;
    this.workDir = workDir;
    this.apps = apps;
  }

  public Figures run(int orders, int clients) throws Exception {
    return run(orders, clients, Duration.ofSeconds(10));
  }

  /**
   * With wrk installed, the creates come from wrk (its own process, {@code clients} connections, for
   * {@code duration} after a warm-up of half that), else from the in-JVM client ({@code orders} orders).
   */
  public Figures run(int orders, int clients, Duration duration) throws Exception {
    Files.createDirectories(workDir);
    LoadClient client = new LoadClient(workDir);
    if (client.usesWrk()) {
      LoadClient.Outcome o;
      double perCommit;
      try (BenchApp app = apps.open(withDb("bench-http.db"))) {
        app.startHttp();
        String base = "http://127.0.0.1:" + app.port();
        String token = benchToken(app);
        client.wrkOnce(base, createsLua(token, 3), clients, duration.dividedBy(2));
        o = client.wrkOnce(base, createsLua(token, 5), clients, duration);
        perCommit = app.tickets().meanWritesPerCommit();
      }
      double raw = rawInserts(orders);
      return new Figures(orders, clients, base.storage().synchronous(), o.perSecond(), perCommit, raw, "wrk", o.p50(), o.p99(), o.errors());
    }
    double[] http = overHttp(orders, clients);
    double raw = rawInserts(orders);
    return new Figures(orders, clients, base.storage().synchronous(), http[0], http[1], raw, "in-JVM client", Double.NaN, Double.NaN, 0);
  }

  /**
   * Distinct orders from each wrk thread: the caller's phone is 1, the phase digit (3 warm-up, 5
   * measured), the thread, then a counter, so no order of a run duplicates another (a duplicate
   * would answer 200 without creating anything).
   */
  static String createsLua(String token, int phase) {
    return "local threads = 0\n"
        + "function setup(thread) thread:set(\"tid\", threads); threads = threads + 1 end\n"
        + "local seq = 0\n"
        + "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
        + "function request()\n"
        + "  seq = seq + 1\n"
        + "  local n = string.format(\"" + phase + "%d%08d\", tid, seq)\n"
        + "  return wrk.format(nil, \"/api/tickets\", nil, '{\"channel\":\"hotline\",\"callerName\":\"压测' .. n .. '\",'\n"
        + "    .. '\"callerPhone\":\"1' .. n .. '\",\"region\":\"岳阳\",\"category\":\"other\",\"description\":\"压测工单 ' .. n .. '\"}')\n"
        + "end\n";
  }

  private AppConfig withDb(String name) {
    AppConfig.Storage s = base.storage();
    try {
      // every run starts empty, so repeated runs do not turn creates into duplicates
      for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
        Files.deleteIfExists(workDir.resolve(name + suffix));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reset " + name + ": " + e.getMessage(), e);
    }
    return base
        .withStorage(new AppConfig.Storage(workDir.resolve(name).toString(), s.synchronous(), s.busyTimeoutMillis()))
        .withServer(new AppConfig.Server("127.0.0.1", 0, base.server().maxBodyBytes(), 0));
  }

  /** Orders per second and mean orders per commit. */
  private double[] overHttp(int orders, int clients) throws Exception {
    try (BenchApp app = apps.open(withDb("bench-http.db"))) {
      app.startHttp();
      String url = "http://127.0.0.1:" + app.port() + "/api/tickets";
      String token = benchToken(app);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        // warm the connections and the JIT on the same concurrent path first (other callers, so no
        // order of the timed round is a duplicate): a cold server would measure class loading
        round(pool, http, url, token, clients, orders, orders + Math.max(clients * 4, orders / 3));
        long start = System.nanoTime();
        round(pool, http, url, token, clients, 0, orders);
        double perSecond = orders / seconds(start);
        return new double[] {perSecond, app.tickets().meanWritesPerCommit()};
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Creates orders {@code from} (inclusive) to {@code to} (exclusive), spread over the clients. */
  private static void round(ExecutorService pool, HttpClient http, String url, String token, int clients, int from, int to)
      throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        for (int i = from + client; i < to; i += clients) {
          send(http, url, token, i);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  /** A throw-away operator account in the benchmark's own database. */
  static String benchToken(BenchApp app) {
    char[] pw = "bench-password-1".toCharArray();
    if (app.auth().users().stream().noneMatch(u -> u.username().equals("bench-operator"))) {
      app.auth().addUser("bench-operator", Role.OPERATOR, "压测", pw, "bench");
    }
    return app.auth().login("bench-operator", pw, "127.0.0.1").token();
  }

  private static void send(HttpClient http, String url, String token, int i) throws IOException, InterruptedException {
    String body = String.format(
        "{\"channel\":\"hotline\",\"callerName\":\"压测%d\",\"callerPhone\":\"139%08d\",\"region\":\"岳阳\","
            + "\"category\":\"other\",\"description\":\"压测工单 %d\"}", i + 1, i + 1, i + 1);
    HttpResponse<String> res = http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 201) {
      throw new IllegalStateException("create failed: " + res.statusCode() + " " + res.body());
    }
  }

  private double rawInserts(int orders) throws SQLException {
    try (Database db = Database.open(withDb("bench-raw.db").storage())) {
      TicketRepository repo = new TicketRepository(db);
      Instant now = Instant.now();
      long start = System.nanoTime();
      for (int i = 0; i < orders; i++) {
        repo.insertAlone(new Ticket(
            String.format("JY20261123-%04d", i + 1), "hotline", "压测" + i, String.format("139%08d", i), null, "湖南省岳阳市",
            null, "other", "normal", "压测工单 " + i, null, null, TicketStatus.RECEIVED, null, null, 0, 0, null, now, now, now, 1));
      }
      return orders / seconds(start);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
