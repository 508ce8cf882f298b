package aidline.storage.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.cli.AidlineCommand;
import aidline.config.AppConfig;
import aidline.demo.StudentDemo;
import aidline.demo.TicketDemo;
import aidline.storage.InstanceLock;
import aidline.storage.SqliteDialect;
import aidline.storage.StorageException;
import aidline.testing.Engine;
import aidline.testing.InProcessConfig;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db copy} from a real SQLite file with demo data (synthetic students, aid records, a month
 * of work orders, accounts, tokens, audit rows) into a fresh PostgreSQL database.
 */
class DatabaseCopyTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  /** A county's database as `aidline demo` leaves it, plus rows in the tables demo does not fill. */
  Path county() throws Exception {
    return county(dir);
  }

  static Path county(Path dir) throws Exception {
    AppConfig config = InProcessConfig.load(dir, "county.db", "security:\n  bcryptCost: 4\n");
    try (Application app = new Application(config, Clock.systemDefaultZone())) {
      StudentDemo.of(app.students(), app.knowledge().regions(), app.clock()).seed(150, aidline.student.StudentImporter.Progress.NONE);
      TicketDemo.MovableClock at = new TicketDemo.MovableClock(app.clock().instant(), app.clock().getZone());
      new TicketDemo(app.ticketsAt(at), at, app.knowledge().regions(), app.clock()).seed(StudentDemo.SEED);
      app.auth().addUser("zhang", Role.OPERATOR, "张三", "zhang-password".toCharArray(), "admin");
      app.auth().login("zhang", "zhang-password".toCharArray(), "127.0.0.1");
    }
    Path db = dir.resolve("county.db");
    try (Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db)); Statement st = c.createStatement()) {
      // a table without any key, and text with quotes, newlines and non-BMP characters
      st.executeUpdate("INSERT INTO parent_check_failure (key, at) VALUES ('id:1', '2026-11-30T01:00:00Z'), ('id:1', '2026-11-30T01:00:00Z'), ('ip:9', 'x')");
      st.executeUpdate("INSERT INTO web_chat_history (user_id, role, text, answer, at) VALUES ('w1', 'user', '补助''发了吗?\n𠀀', NULL, 1)");
    }
    return db;
  }

  static Map<String, Long> counts(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String t : new String[] {"students", "aid_records", "ticket", "ticket_event", "users", "auth_tokens", "audit_log",
        "parent_check_failure", "web_chat_history", "app_meta"}) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
        rs.next();
        out.put(t, rs.getLong(1));
      }
    }
    return out;
  }

  static Connection pg(AppConfig.Storage s) throws SQLException {
    return DriverManager.getConnection(s.db(), s.user(), s.password());
  }

  static Connection sqlite(Path db) throws SQLException {
    return DriverManager.getConnection(SqliteDialect.jdbcUrl(db));
  }

  @Test
  void theCommandCopiesEveryTableVerifiesItAndRefusesOnceThePostgresDatabaseIsInUse() throws Exception {
    Path source = county();
    AppConfig.Storage target = dbs.storage(Engine.POSTGRESQL);
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_DB", dir.resolve("unused.db").toString());
    env.put("AIDLINE_DB_USER", target.user());
    env.put("AIDLINE_DB_PASSWORD", "never-shown-pw");
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());

    String[] run = cli(env, "db", "copy", "--from", source.toString(), "--to", target.db(), "--batch", "40");
    assertEquals("0", run[0], run[1] + run[2]);
    assertTrue(run[1].contains("校验通过"), run[1]);
    assertTrue(run[1].contains("ticket_event") && run[1].contains("一致"), run[1]);
    assertFalse((run[1] + run[2]).contains("never-shown-pw"));
    System.out.println(run[1]);

    Map<String, Long> expected;
    try (Connection s = sqlite(source)) {
      expected = counts(s);
    }
    try (Connection t = pg(target); Statement st = t.createStatement()) {
      assertEquals(expected, counts(t));
      assertTrue(expected.get("students") == 150 && expected.get("ticket_event") > expected.get("ticket"), expected.toString());
      // identity sequences moved past the copied ids: a new row on PostgreSQL does not collide
      long maxEvent;
      try (ResultSet rs = st.executeQuery("SELECT max(id) FROM audit_log")) {
        rs.next();
        maxEvent = rs.getLong(1);
      }
      try (ResultSet rs = st.executeQuery("INSERT INTO audit_log (at, actor, action) VALUES ('2026-11-30T02:00:00Z', 'test', 'x') RETURNING id")) {
        rs.next();
        assertEquals(maxEvent + 1, rs.getLong(1));
      }
      try (ResultSet rs = st.executeQuery("SELECT text FROM web_chat_history WHERE user_id = 'w1'")) {
        rs.next();
        assertEquals("补助'发了吗?\n𠀀", rs.getString(1));
      }
      // the append-only trigger is still there
      SQLException refused = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM ticket_event"));
      assertTrue(refused.getMessage().contains("immutable"), refused.getMessage());
    }

    // PostgreSQL is in use now (the audit row above): copying the county again would mix the two
    String[] again = cli(env, "db", "copy", "--from", source.toString(), "--to", target.db());
    assertEquals("2", again[0], again[1] + again[2]);
    assertTrue(again[2].contains("audit_log") && again[2].contains("未写入任何数据"), again[2]);
  }

  @Test
  void aRerunAfterACrashMidwayAddsOnlyTheMissingRows() throws Exception {
    Path source = county();
    AppConfig.Storage target = dbs.storage(Engine.POSTGRESQL);
    AtomicInteger batches = new AtomicInteger();
    RuntimeException crash = new RuntimeException("simulated kill -9");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> new DatabaseCopy(25, (t, read, total) -> {
      if (t.equals("students") && batches.incrementAndGet() == 3) {
        throw crash;
      }
    }).copy(source, target));
    assertEquals(crash, thrown);
    try (Connection t = pg(target)) {
      assertEquals(75L, counts(t).get("students"), "three committed batches of 25 survive the crash");
      assertEquals(0L, counts(t).get("aid_records"), "tables after students were not reached");
    }

    CopyReport done = new DatabaseCopy(25, DatabaseCopy.Progress.NONE).copy(source, target);
    assertTrue(done.verified(), done.format());
    try (Connection s = sqlite(source); Connection t = pg(target); Statement st = t.createStatement()) {
      assertEquals(counts(s), counts(t));
      try (ResultSet rs = st.executeQuery("SELECT count(*) - count(DISTINCT ticket_no) FROM ticket")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "no duplicates");
      }
    }
    assertTrue(done.insertedRows() > 0 && done.skippedTables() > 0, done.format());

    CopyReport third = new DatabaseCopy(25, DatabaseCopy.Progress.NONE).copy(source, target);
    assertTrue(third.verified());
    assertEquals(0, third.insertedRows(), "idempotent");
  }

  @Test
  void aTargetHoldingOtherDataIsRefusedUntouched() throws Exception {
    Path source = county();
    AppConfig.Storage target = dbs.storage(Engine.POSTGRESQL);
    try (var db = aidline.storage.Database.open(target); Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES ('li', 'x', 'staff', 'a', 'a')");
    }
    StorageException e = assertThrows(StorageException.class, () -> new DatabaseCopy(100, DatabaseCopy.Progress.NONE).copy(source, target));
    assertTrue(e.getMessage().contains("users") && e.getMessage().contains("username=li"), e.getMessage());
    try (Connection t = pg(target)) {
      Map<String, Long> c = counts(t);
      assertEquals(0L, c.get("students") + c.get("ticket") + c.get("audit_log"), c.toString());
      assertEquals(1L, c.get("users"));
    }
  }

  @Test
  void aSourceOfAnotherSchemaVersionOrInUseIsRefusedBeforeTheTargetIsTouched() throws Exception {
    Path source = county();
    AppConfig.Storage target = dbs.storage(Engine.POSTGRESQL);
    try (InstanceLock serving = InstanceLock.tryAcquire(source).orElseThrow()) {
      StorageException e = assertThrows(StorageException.class, () -> new DatabaseCopy(100, DatabaseCopy.Progress.NONE).copy(source, target));
      assertTrue(e.getMessage().contains("停止 serve"), e.getMessage());
    }
    try (Connection c = sqlite(source); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
          + " VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 1, 'x', 1, 1)");
    }
    StorageException e = assertThrows(StorageException.class, () -> new DatabaseCopy(100, DatabaseCopy.Progress.NONE).copy(source, target));
    assertTrue(e.getMessage().contains("比本程序新"), e.getMessage());
    try (Connection t = pg(target)) {
      Map<String, Long> c = counts(t);
      c.remove("app_meta");
      assertTrue(c.values().stream().allMatch(n -> n == 0), "nothing written: " + c);
    } catch (SQLException unmigrated) {
      // an empty target is not even migrated before the source is checked
      assertTrue(unmigrated.getMessage().contains("does not exist"), unmigrated.getMessage());
    }
  }

  static String[] cli(Map<String, String> env, String... args) {
    var cl = AidlineCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
