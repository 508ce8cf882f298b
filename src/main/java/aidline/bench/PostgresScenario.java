package aidline.bench;

import aidline.knowledge.BgeEmbedder;
import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Retrieval;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18's "must show": work-order creates/s and chat answers/s on SQLite (one node) and on one
 * PostgreSQL with one and with two {@code serve} nodes, in one run. Nodes are child processes of
 * this build; the load is spread evenly over the nodes (one load client per node, same length,
 * summed). Where the time goes: CPU of each node, of the PostgreSQL server and of the load client
 * (from /proc), commits and WAL syncs per second (pg_stat_database, pg_stat_wal), and the most
 * requests seen waiting for a pooled connection (/health).
 */
public final class PostgresScenario implements Scenario {
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String PASSWORD = "bench-password-1";

  @Override
  public String name() {
    return "postgresql";
  }

  /** One engine and node count's figures for one kind of request. */
  record Phase(double perSecond, int requests, int errors, double p50, double p99, List<Double> nodeCpu, double pgCpu,
      double clientCpu, double commitsPerSecond, double walSyncsPerSecond, int maxActive, int maxWaiting, double cpuStall) {
    String note() {
      StringBuilder b = new StringBuilder();
      b.append(requests).append(" requests, ").append(errors).append(" failed; p50 ").append(Result.format(p50)).append(" ms, p99 ")
          .append(Result.format(p99)).append(" ms; CPU % of one core: node");
      for (int i = 0; i < nodeCpu.size(); i++) {
        b.append(i == 0 ? " " : " + ").append(String.format("%.0f", nodeCpu.get(i)));
      }
      if (pgCpu >= 0) {
        b.append(", postgres ").append(String.format("%.0f", pgCpu));
      }
      b.append(", load client ").append(String.format("%.0f", clientCpu));
      if (commitsPerSecond >= 0) {
        b.append("; ").append(String.format("%.0f transactions/s (reads included), %.0f WAL syncs/s", commitsPerSecond, walSyncsPerSecond));
      }
      if (maxActive >= 0) {
        b.append("; pool max active ").append(maxActive).append(", max waiting ").append(maxWaiting);
      }
      if (cpuStall >= 0) {
        b.append(String.format("; runnable tasks waited for a CPU %.0f%% of the time", cpuStall));
      }
      return b.toString();
    }
  }

  record Round(String label, Phase creates, Phase chat) {}

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    Optional<PgServer> provided = PgServer.provide();
    if (provided.isEmpty()) {
      return List.of(new Result(name(), "skipped", "no PostgreSQL", null, null,
          "no " + PgServer.ENV + " and no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"));
    }
    Path dir = Files.createDirectories(ctx.workDir().resolve("postgresql"));
    Path cache = ctx.workDir().resolve("kb-cache");
    Path kbDir = ctx.baseConfig().knowledge().dirPath().toAbsolutePath();
    try (KnowledgeBase primed = KnowledgeBase.open(kbDir, Retrieval.hybrid(new BgeEmbedder(Retrieval.QUERY_INSTRUCTION), cache))) {
      primed.passages();
    }
    Path yaml = Files.writeString(dir.resolve("bench.yaml"), "security:\n  bcryptCost: 4\n  chatPerMinutePerUser: 1000000000\n"
        + "  chatPerMinutePerIp: 1000000000\n  loginPerMinutePerIp: 1000000000\n");
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_KB_DIR", kbDir.toString());
    env.put("AIDLINE_KB_CACHE_DIR", cache.toAbsolutePath().toString());
    env.put("AIDLINE_KB_WATCH", "false");
    List<String> config = List.of("--config", yaml.toString());
    DevQuestions questions = DevQuestions.load(DevQuestions.DEFAULT);
    List<Round> rounds = new ArrayList<>();
    String serverNote;
    try (PgServer pg = provided.get()) {
      serverNote = pg.description();
      Path sqlite = dir.resolve("sqlite.db");
      for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
        Files.deleteIfExists(Path.of(sqlite + suffix));
      }
      Map<String, String> sqliteEnv = new HashMap<>(env);
      sqliteEnv.put("AIDLINE_DB", sqlite.toString());
      rounds.add(round(ctx, "SQLite, 1 node", sqliteEnv, config, 1, null, null, dir, questions));
      for (int nodes = 1; nodes <= 2; nodes++) {
        String db = "bench_pg" + nodes;
        Map<String, String> pgEnv = new HashMap<>(env);
        pgEnv.put("AIDLINE_DB", pg.createDatabase(db));
        pgEnv.put("AIDLINE_DB_USER", pg.user());
        pgEnv.put("AIDLINE_NODES", Integer.toString(nodes));
        try {
          rounds.add(round(ctx, "PostgreSQL, " + nodes + (nodes == 1 ? " node" : " nodes"), pgEnv, config, nodes, pg, db, dir, questions));
        } finally {
          pg.dropDatabase(db);
        }
      }
      // issue 18: keep group commit on PostgreSQL only where it pays; the same one node, every
      // write its own transaction on its request's thread (storage.commit = plain)
      String db = "bench_pg_plain";
      Map<String, String> plainEnv = new HashMap<>(env);
      plainEnv.put("AIDLINE_DB", pg.createDatabase(db));
      plainEnv.put("AIDLINE_DB_USER", pg.user());
      plainEnv.put("AIDLINE_DB_COMMIT", "plain");
      try {
        rounds.add(round(ctx, "PostgreSQL, 1 node, plain transactions", plainEnv, config, 1, pg, db, dir, questions));
      } finally {
        pg.dropDatabase(db);
      }
    }
    return results(rounds, serverNote);
  }

  private List<Result> results(List<Round> rounds, String serverNote) {
    List<Result> out = new ArrayList<>();
    String load = loadAverage();
    for (Round r : rounds) {
      out.add(Result.of(name(), "creates/s " + r.label(), r.creates().perSecond(), "/s", null, null).withNote(r.creates().note()));
    }
    out.add(ratio("creates", "PostgreSQL 1 node / SQLite", rounds.get(1).creates(), rounds.get(0).creates()));
    out.add(ratio("creates", "PostgreSQL 2 nodes / 1 node", rounds.get(2).creates(), rounds.get(1).creates()));
    out.add(ratio("creates", "PostgreSQL 1 node, plain transactions / group commit", rounds.get(3).creates(), rounds.get(1).creates()));
    for (Round r : rounds) {
      out.add(Result.of(name(), "chat answers/s " + r.label(), r.chat().perSecond(), "/s", null, null).withNote(r.chat().note()));
    }
    out.add(ratio("chat", "PostgreSQL 1 node / SQLite", rounds.get(1).chat(), rounds.get(0).chat()));
    out.add(ratio("chat", "PostgreSQL 2 nodes / 1 node", rounds.get(2).chat(), rounds.get(1).chat()));
    out.add(ratio("chat", "PostgreSQL 1 node, plain transactions / group commit", rounds.get(3).chat(), rounds.get(1).chat()));
    out.add(new Result(name(), "server and load", serverNote, null, null, "load average after the run " + load));
    return out;
  }

  private Result ratio(String what, String label, Phase a, Phase b) {
    return Result.of(name(), "ratio " + what + " " + label, a.perSecond() / b.perSecond(), "×", null, null);
  }

  private Round round(BenchContext ctx, String label, Map<String, String> env, List<String> config, int nodes, PgServer pg, String db,
      Path dir, DevQuestions questions) throws Exception {
    System.err.println("bench: postgresql: " + label + " …");
    addOperator(ctx, env, config, dir);
    List<ServeNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        started.add(ServeNode.start(ctx.javaCommand(), config, env, dir.resolve("node" + (i + 1) + ".log")));
      }
      String token = login(started.get(0));
      // each round has a fresh database: numbering callers from 0 repeats no earlier order
      AtomicLong orders = new AtomicLong();
      Phase creates = phase(ctx, started, pg, db, 32, 201, node -> n -> {
        long i = orders.incrementAndGet();
        String body = String.format("{\"channel\":\"hotline\",\"callerName\":\"压测%d\",\"callerPhone\":\"13%09d\",\"region\":\"岳阳\","
            + "\"category\":\"other\",\"description\":\"压测工单 %d\"}", i, i % 1_000_000_000L, i);
        return HttpLoad.request(node.base(), "/api/tickets").header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      });
      AtomicInteger askers = new AtomicInteger();
      Phase chat = phase(ctx, started, pg, db, 16, 200, node -> {
        int prefix = askers.incrementAndGet();
        return n -> HttpLoad.request(node.base(), "/api/chat").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(ChatHttpScenario.body("bench-n" + prefix + "-u" + (n % 500),
                questions.texts().get(n % questions.texts().size())))).build();
      });
      System.err.println("bench: postgresql: " + label + ": creates " + Result.format(creates.perSecond()) + "/s (" + creates.note() + ")");
      System.err.println("bench: postgresql: " + label + ": chat " + Result.format(chat.perSecond()) + "/s (" + chat.note() + ")");
      return new Round(label, creates, chat);
    } finally {
      for (ServeNode n : started) {
        n.close();
      }
    }
  }

  /** Warm-up on every node, then the measured run on every node at once, with CPU and counters around it. */
  private Phase phase(BenchContext ctx, List<ServeNode> nodes, PgServer pg, String db, int clients, int status,
      java.util.function.Function<ServeNode, IntFunction<HttpRequest>> requests) throws Exception {
    int perNode = Math.max(1, clients / nodes.size());
    List<IntFunction<HttpRequest>> fns = nodes.stream().map(requests).toList();
    Duration warmup = Duration.ofSeconds(ctx.pick(5, 2));
    Duration measure = Duration.ofSeconds(ctx.pick(15, 5));
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size() + 1);
    try {
      parallel(pool, nodes, perNode, warmup, fns, status);
      Thread.sleep(1100); // PostgreSQL publishes a backend's counters at most once a second
      PgServer.Counters c0 = pg == null ? null : pg.counters(db);
      long[] node0 = nodes.stream().mapToLong(n -> ProcCpu.ticks(n.pid())).toArray();
      long pg0 = pg == null ? -1 : pg.cpuTicks();
      long self0 = ProcCpu.ticks(ProcessHandle.current().pid());
      long stall0 = ProcCpu.cpuStallMicros();
      AtomicBoolean sampling = new AtomicBoolean(true);
      int[] maxPool = {-1, -1};
      Future<?> sampler = pool.submit(() -> {
        while (sampling.get()) {
          for (ServeNode n : nodes) {
            int[] p = n.pool();
            maxPool[0] = Math.max(maxPool[0], p[0]);
            maxPool[1] = Math.max(maxPool[1], p[1]);
          }
          Thread.sleep(250);
        }
        return null;
      });
      long t0 = System.nanoTime();
      List<HttpLoad.Outcome> outcomes = parallel(pool, nodes, perNode, measure, fns, status);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long[] node1 = nodes.stream().mapToLong(n -> ProcCpu.ticks(n.pid())).toArray();
      long pg1 = pg == null ? -1 : pg.cpuTicks();
      long self1 = ProcCpu.ticks(ProcessHandle.current().pid());
      long stall1 = ProcCpu.cpuStallMicros();
      sampling.set(false);
      sampler.get(10, TimeUnit.SECONDS);
      double commits = -1;
      double syncs = -1;
      if (pg != null) {
        Thread.sleep(1100);
        PgServer.Counters c1 = pg.counters(db);
        commits = (c1.commits() - c0.commits()) / seconds;
        syncs = (c1.walSyncs() - c0.walSyncs()) / seconds;
      }
      List<Double> nodeCpu = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        nodeCpu.add(ProcCpu.percent(node0[i], node1[i], seconds));
      }
      double perSecond = outcomes.stream().mapToDouble(HttpLoad.Outcome::perSecond).sum();
      int sent = outcomes.stream().mapToInt(HttpLoad.Outcome::requests).sum();
      int errors = outcomes.stream().mapToInt(HttpLoad.Outcome::errors).sum();
      // latency of the first node's clients: both nodes see the same mix
      Stats lat = outcomes.get(0).latency();
      // the load client's share minus the sampler's few /health calls, which are negligible
      return new Phase(perSecond, sent, errors, lat.median(), lat.p99(), nodeCpu, ProcCpu.percent(pg0, pg1, seconds),
          ProcCpu.percent(self0, self1, seconds), commits, syncs, maxPool[0], maxPool[1],
          stall0 < 0 || stall1 < 0 ? -1 : (stall1 - stall0) / 1e4 / seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<HttpLoad.Outcome> parallel(ExecutorService pool, List<ServeNode> nodes, int clients, Duration d,
      List<IntFunction<HttpRequest>> fns, int status) throws Exception {
    List<Future<HttpLoad.Outcome>> fs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      IntFunction<HttpRequest> fn = fns.get(i);
      fs.add(pool.submit(() -> HttpLoad.run(clients, Duration.ZERO, d, 5_000_000, fn, status)));
    }
    List<HttpLoad.Outcome> out = new ArrayList<>();
    for (Future<HttpLoad.Outcome> f : fs) {
      out.add(f.get());
    }
    return out;
  }

  /** An operator account made by the real CLI in the round's database, before any node starts. */
  private static void addOperator(BenchContext ctx, Map<String, String> env, List<String> config, Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(ctx.javaCommand());
    cmd.addAll(config);
    cmd.addAll(List.of("users", "add", "--username", "bench-operator", "--role", "operator", "--password-stdin"));
    Path log = dir.resolve("users-add.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("users add failed: " + Files.readString(log));
    }
  }

  private static String login(ServeNode node) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpLoad.request(node.base(), "/api/login")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"bench-operator\",\"password\":\"" + PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = TOKEN.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
