package aidline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.demo.SyntheticStudents;
import aidline.http.Json;
import aidline.knowledge.Regions;
import aidline.student.StudentProfile;
import aidline.testing.ChildServer;
import aidline.testing.Engine;
import aidline.testing.TestAccounts;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;

/**
 * Crash safety (issue 10): the real {@code serve} in a child JVM takes work-order creates, chat
 * messages and student CSV imports at once, is killed with SIGKILL at a random moment, and is started
 * again on the same database — several rounds. After every kill the database file (opened read-only
 * while no process holds it) must pass {@code PRAGMA integrity_check}; every acknowledged order must be
 * stored exactly once under its number; no student row may be half written and every import is either
 * wholly visible or not at all; and a clarifying question acknowledged before the kill must still be
 * pending after the restart (the next message "岳阳" is answered with 岳阳's 1250 and its citation).
 * On PostgreSQL (a fresh database from {@link TestDatabases}) the same checks run on the server's
 * database after each kill, all but {@code integrity_check}: the server, not aidline, owns its files.
 *
 * <p>What the importer guarantees: {@code StudentImporter} writes the good rows in transactions of
 * {@code StudentImporter.BATCH} (10,000) rows ({@code StudentRepository.writeBatch}, one
 * {@code inTransaction} per batch). An HTTP upload is capped at 1 MB (about 8,000 rows), so each upload
 * here (2,500–5,000 rows) is exactly one batch: an interrupted upload leaves all of its rows or none.
 *
 * <p>The random choices (kill delays, import sizes, number of rounds) come from {@link #SEED}, printed
 * at the start; rerun with {@code -Dcrash.seed=N} to reproduce them (thread timing still varies).
 */
class CrashSafetyIT {
  static final long SEED = Long.getLong("crash.seed", 20261123L);
  static final int ORDER_STREAMS = 12;
  static final int MAX_CHATS_PER_ROUND = 30; // the chat limit is 120 a minute per IP
  static final String ROLL_HEADER = "姓名,身份证号,学籍号,性别,民族,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话";
  static final String CLARIFY_QUESTION = "初中寄宿生每年有多少生活补助？";

  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  record Order(String phone, String ticketNo) {}

  record Import(int id, int base, int rows, boolean acknowledged) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void killNineAtRandomPointsLosesNothingAcknowledgedAndLeavesNoHalfWrites(Engine engine) throws Exception {
    Random rnd = new Random(SEED);
    int rounds = 4 + rnd.nextInt(2);
    System.err.println("CrashSafetyIT " + engine + ": seed " + SEED + " (-Dcrash.seed=" + SEED + " to reproduce), " + rounds + " rounds");
    AppConfig.Storage db = engine == Engine.SQLITE
        ? new AppConfig.Storage(dir.resolve("db/aidline.db").toString(), "FULL", 5000) : dbs.storage(engine);
    Path kb = Path.of("knowledge-base").toAbsolutePath();
    String token = TestAccounts.token(db, Role.STAFF);
    SyntheticStudents synthetic = new SyntheticStudents(Regions.load(kb.resolve("regions.yaml")), LocalDate.now());

    List<Order> orders = new ArrayList<>();
    List<Import> imports = new ArrayList<>();
    List<String> pendingUsers = new ArrayList<>();
    int nextRow = 0;
    int conversationsChecked = 0;
    int interruptedCommitted = 0;
    int interruptedNone = 0;
    int found = 0;
    int duplicates = 0;
    int ordersBefore = 0;

    for (int round = 0; round <= rounds; round++) {
      int port = freePort();
      String logName = "run" + round + ".log";
      Process server = start(port, db, kb, logName);
      try {
        long t0 = System.nanoTime();
        awaitHealth(port, server, logName);
        long t1 = System.nanoTime();
        if (round > 0) {
          // the restarted server answers the orders acknowledged in the round before the kill under their
          // numbers (the file check after every kill covers all rounds' orders)
          for (Order o : orders.subList(ordersBefore, orders.size())) {
            HttpResponse<String> one = send(port, token, "GET", "/api/tickets/" + o.ticketNo(), null);
            assertEquals(200, one.statusCode(), "acknowledged order " + o + " not found after restart: " + one.body());
            assertEquals(o.phone(), json(one.body()).get("callerPhone").asText(), "stored under the acknowledged number");
          }
          // the questions pending at the kill are still pending: the region alone completes them
          for (String user : pendingUsers) {
            JsonNode after = chat(port, user, "岳阳");
            assertNull(after.get("clarify").textValue(), user + ": " + after);
            boolean has1250 = false;
            for (JsonNode a : after.get("amounts")) {
              has1250 |= a.get("value").asInt() == 1250;
            }
            assertTrue(has1250, user + " lost the pending question: " + after);
            assertTrue(after.get("citations").size() > 0, after.toString());
            assertEquals("岳教体办通〔2016〕17号", after.get("citations").get(0).get("docNumber").asText(), after.toString());
            conversationsChecked++;
          }
          pendingUsers.clear();
          System.err.printf("CrashSafetyIT: restart %d healthy after %d ms, checks over HTTP %d ms%n", round,
              (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        }
        if (round == rounds) {
          break; // the last start only checks
        }

        // ---- load, then SIGKILL after a random delay
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, String> acked = new ConcurrentHashMap<>();
        List<String> chatted = new CopyOnWriteArrayList<>();
        List<Import> roundImports = new CopyOnWriteArrayList<>();
        List<Thread> load = new ArrayList<>();
        for (int s = 0; s < ORDER_STREAMS; s++) {
          int stream = s;
          int r = round;
          load.add(started(() -> orders(port, token, r, stream, stop, acked)));
        }
        int r = round;
        load.add(started(() -> chats(port, r, stop, chatted)));
        int[] sizes = new int[20];
        for (int i = 0; i < sizes.length; i++) {
          sizes[i] = 2_500 + rnd.nextInt(2_501);
        }
        int firstImport = imports.size();
        int base = nextRow;
        load.add(started(() -> imports(port, token, synthetic, firstImport, base, sizes, stop, roundImports)));
        long delay = 1_500 + rnd.nextInt(4_000);
        Thread.sleep(delay);
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no rollback
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server did not die");
        stop.set(true);
        for (Thread t : load) {
          t.join(TimeUnit.SECONDS.toMillis(150));
          assertTrue(!t.isAlive(), "a load thread hangs after the kill");
        }
        assertTrue(problems.isEmpty(), "server answered wrongly before the kill: " + problems + "\n" + log(logName));
        ordersBefore = orders.size();
        acked.forEach((phone, no) -> orders.add(new Order(phone, no)));
        pendingUsers.addAll(chatted);
        imports.addAll(roundImports);
        for (Import i : roundImports) {
          nextRow = Math.max(nextRow, i.base() + i.rows());
        }
        System.err.printf("CrashSafetyIT: round %d killed after %d ms: %d orders, %d questions, %d imports (%d acknowledged)%n",
            round + 1, delay, acked.size(), chatted.size(), roundImports.size(),
            roundImports.stream().filter(Import::acknowledged).count());
      } finally {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
      }

      // ---- the child is dead: read the file as it was left
      if (round < rounds) {
        long t = System.nanoTime();
        int[] interrupted = checkDatabase(db, orders, imports, synthetic);
        System.err.printf("CrashSafetyIT: file check %d ms%n", (System.nanoTime() - t) / 1_000_000);
        interruptedCommitted = interrupted[0];
        interruptedNone = interrupted[1];
        found = interrupted[2];
        duplicates = interrupted[3];
      }
    }
    long importsAcked = imports.stream().filter(Import::acknowledged).count();
    System.err.printf(
        "CrashSafetyIT " + engine + " summary: seed %d, rounds %d, orders acknowledged %d, found %d, duplicates %d,"
            + " imports acknowledged %d, interrupted %d (%d committed whole, %d left nothing), conversations checked %d%n",
        SEED, rounds, orders.size(), found, duplicates, importsAcked, imports.size() - importsAcked, interruptedCommitted,
        interruptedNone, conversationsChecked);
    assertTrue(orders.size() > 0 && importsAcked > 0 && conversationsChecked > 0,
        "the load never reached the server: " + orders.size() + " orders, " + importsAcked + " imports, "
            + conversationsChecked + " conversations");
  }

  /**
   * Checks the database file left by the kill. Returns {interrupted imports wholly visible, interrupted
   * imports not visible at all, acknowledged orders found, numbers or callers stored twice}.
   */
  private int[] checkDatabase(AppConfig.Storage db, List<Order> orders, List<Import> imports, SyntheticStudents synthetic)
      throws Exception {
    try (Connection c = readOnly(db);
        Statement st = c.createStatement()) {
      if (!db.postgres()) {
        try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
          List<String> lines = new ArrayList<>();
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
          assertEquals(List.of("ok"), lines, "integrity_check");
        }
      }
      // orders: numbers and callers unique (every create used a fresh phone and was never retried)
      List<String> twice = new ArrayList<>(strings(st, "SELECT ticket_no FROM ticket GROUP BY ticket_no HAVING count(*) > 1"));
      twice.addAll(strings(st, "SELECT caller_phone FROM ticket GROUP BY caller_phone HAVING count(*) > 1"));
      assertEquals(List.of(), twice, "numbers or callers stored twice");
      int found = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT caller_phone FROM ticket WHERE ticket_no = ?")) {
        for (Order o : orders) {
          ps.setString(1, o.ticketNo());
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), "acknowledged order lost: " + o);
            assertEquals(o.phone(), rs.getString(1), "acknowledged order " + o.ticketNo() + " stored for another caller");
            found++;
          }
        }
      }
      // conversation states: every stored state is whole JSON (a torn one would silently restart the dialog)
      for (String state : strings(st, "SELECT state_json FROM conversation_state")) {
        assertTrue(json(state).isObject(), "conversation state torn: " + state);
      }
      // students: no half row anywhere
      assertEquals(0, count(st, "SELECT count(*) FROM students WHERE length(national_id) <> 18 OR name = '' OR gender NOT IN ('男', '女')"
          + " OR birth_date = '' OR school = '' OR stage = '' OR grade = '' OR region = '' OR guardian_name = ''"
          + " OR guardian_phone = '' OR updated_at = '' OR boarder NOT IN (0, 1)"), "students with required columns missing");
      Map<String, String[]> visible = new HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT national_id, name, school, region, guardian_phone, birth_date, stage FROM students")) {
        while (rs.next()) {
          visible.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7)});
        }
      }
      int accounted = 0;
      int committed = 0;
      int none = 0;
      for (Import imp : imports) {
        int seen = 0;
        for (int i = imp.base(); i < imp.base() + imp.rows(); i++) {
          StudentProfile p = synthetic.student(SEED, i);
          String[] row = visible.get(p.nationalId());
          if (row != null) {
            seen++;
            String[] want = {p.name(), p.school(), p.region(), p.guardianPhone(), p.birthDate().toString(), p.stage().name()};
            assertEquals(List.of(want), List.of(row), "row " + i + " of import " + imp.id() + " stored differently");
          }
        }
        accounted += seen;
        if (imp.acknowledged()) {
          assertEquals(imp.rows(), seen, "acknowledged import " + imp + " is not wholly visible");
        } else {
          // one upload is one batch, one transaction: all of it or nothing
          assertTrue(seen == 0 || seen == imp.rows(), "interrupted import " + imp + " is partly visible: " + seen + " rows");
          if (seen == 0) {
            none++;
          } else {
            committed++;
          }
        }
      }
      assertEquals(accounted, visible.size(), "student rows that no import wrote");
      return new int[] {committed, none, found, twice.size()};
    }
  }

  // ---- load generators (each runs on its own thread until the server dies)

  private void orders(int port, String token, int round, int stream, AtomicBoolean stop, Map<String, String> acked) {
    for (int seq = 0; !stop.get(); seq++) {
      String phone = String.format("13%d%02d%06d", round, stream, seq);
      String body = """
          {"channel":"hotline","callerName":"崩溃测试%d-%d-%d","callerPhone":"%s","region":"岳阳","category":"other","description":"第%d轮第%d路第%d单"}"""
          .formatted(round, stream, seq, phone, round, stream, seq);
      HttpResponse<String> res;
      try {
        res = send(port, token, "POST", "/api/tickets", body);
      } catch (Exception dead) {
        return; // not acknowledged: may or may not be stored, never twice
      }
      if (res.statusCode() != 201) {
        problems.add("create " + phone + ": " + res.statusCode() + " " + res.body());
        return;
      }
      acked.put(phone, json(res.body()).get("ticketNo").asText());
    }
  }

  private void chats(int port, int round, AtomicBoolean stop, List<String> pending) {
    for (int j = 0; j < MAX_CHATS_PER_ROUND && !stop.get(); j++) {
      String user = "crash-" + round + "-" + j;
      JsonNode reply;
      try {
        reply = chat(port, user, CLARIFY_QUESTION);
        Thread.sleep(100);
      } catch (Exception dead) {
        return;
      }
      if (!reply.path("clarify").isTextual()) {
        problems.add("no clarifying question for " + user + ": " + reply);
        return;
      }
      pending.add(user);
    }
  }

  private void imports(
      int port, String token, SyntheticStudents synthetic, int firstId, int base, int[] sizes, AtomicBoolean stop, List<Import> done) {
    int next = base;
    for (int k = 0; k < sizes.length && !stop.get(); k++) {
      int id = firstId + k;
      StringWriter csv = new StringWriter();
      csv.write(ROLL_HEADER + "\r\n");
      for (int i = next; i < next + sizes[k]; i++) {
        SyntheticStudents.writeRollRow(csv, synthetic.student(SEED, i));
      }
      HttpResponse<String> res;
      try {
        res = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/students/import?kind=students"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (Exception dead) {
        done.add(new Import(id, next, sizes[k], false));
        return;
      }
      JsonNode report = json(res.body());
      if (res.statusCode() != 200 || report.path("imported").asInt() != sizes[k] || report.path("rejectedCount").asInt() != 0) {
        problems.add("import " + id + " of " + sizes[k] + " rows: " + res.statusCode() + " " + res.body());
        done.add(new Import(id, next, sizes[k], false));
        return;
      }
      done.add(new Import(id, next, sizes[k], true));
      next += sizes[k];
    }
  }

  // ---- plumbing

  private JsonNode chat(int port, String user, String text) throws Exception {
    String body = Json.mapper().writeValueAsString(Map.of("user", user, "text", text));
    HttpResponse<String> res = send(port, null, "POST", "/api/chat", body);
    if (res.statusCode() != 200) {
      throw new AssertionError("chat " + user + ": " + res.statusCode() + " " + res.body());
    }
    return json(res.body());
  }

  private HttpResponse<String> send(int port, String token, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Thread started(Runnable r) {
    Thread t = new Thread(r, "crash-load");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static JsonNode json(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  private static List<String> strings(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static int count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The database as the kill left it: the SQLite file opened read-only, or the PostgreSQL database the server used. */
  private static Connection readOnly(AppConfig.Storage db) throws Exception {
    if (db.postgres()) {
      Connection c = DriverManager.getConnection(db.db(), db.user(), db.password());
      c.setReadOnly(true);
      return c;
    }
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(true);
    return DriverManager.getConnection("jdbc:sqlite:" + db.dbPath().toAbsolutePath(), cfg.toProperties());
  }

  private Process start(int port, AppConfig.Storage db, Path kb, String logName) throws IOException {
    return ChildServer.serve(port, db, kb, dir.resolve(logName), Map.of());
  }

  private void awaitHealth(int port, Process p, String logName) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        if (send(port, null, "GET", "/health", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("server never became healthy: " + log(logName));
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name);
    return Files.exists(f) ? Files.readString(f) : "(no log)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
