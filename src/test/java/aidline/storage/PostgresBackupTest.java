package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.cli.AidlineCommand;
import aidline.config.AppConfig;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} / {@code restore} on a PostgreSQL {@code storage.db}, through the real pg_dump and pg_restore. */
class PostgresBackupTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  record Run(int code, String out) {}

  Run cli(AppConfig.Storage s, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_DB", s.db());
    env.put("AIDLINE_DB_USER", s.user());
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    var cl = AidlineCommand.commandLine(env);
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    var stdout = System.out;
    var captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new Run(code, captured.toString(java.nio.charset.StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(stdout);
    }
  }

  static void exec(AppConfig.Storage s, String sql) {
    try (Database db = Database.open(s)) {
      db.inTransaction(c -> {
        try (Statement st = c.createStatement()) {
          return st.executeUpdate(sql);
        }
      });
    }
  }

  static List<String> users(AppConfig.Storage s) {
    try (Database db = Database.open(s)) {
      return db.withConnection(c -> {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT username FROM users ORDER BY username")) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      });
    }
  }

  @Test
  void aBackupRestoresTheDatabaseAsItWasWithItsTriggers() throws Exception {
    Assumptions.assumeTrue(PostgresBackup.tool("pg_dump").isPresent(), "pg_dump not installed");
    AppConfig.Storage s = dbs.storage(Engine.POSTGRESQL);
    exec(s, "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES ('zhang', 'h', 'operator', 'a', 'a')");
    Path file = dir.resolve("province.dump");

    Run backup = cli(s, "backup", file.toString());
    assertEquals(0, backup.code(), backup.out());
    assertTrue(backup.out().contains("备份完成") && backup.out().contains("张表"), backup.out());
    assertTrue(Files.size(file) > 0);
    Run twice = cli(s, "backup", file.toString());
    assertEquals(2, twice.code());
    assertTrue(twice.out().contains("不会覆盖"), twice.out());

    exec(s, "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES ('li', 'h', 'staff', 'a', 'a')");
    assertEquals(List.of("li", "zhang"), users(s));

    Run restore = cli(s, "restore", file.toString());
    assertEquals(0, restore.code(), restore.out());
    assertTrue(restore.out().contains("恢复完成"), restore.out());
    assertFalse(restore.out().contains("password"), restore.out());
    assertEquals(List.of("zhang"), users(s), "the row added after the backup is gone");
    try (Database db = Database.open(s)) {
      assertEquals(0, db.migrate(), "the schema history came back with the data");
      long triggers = db.withConnection(c -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('audit_log_no_update', 'audit_log_no_delete', 'ticket_event_no_update', 'ticket_event_no_delete')")) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertEquals(4, triggers, "the append-only triggers are restored");
    }
  }

  @Test
  void restoreIsRefusedWhileANodeIsConnectedAndForAFileThatIsNoBackup() throws Exception {
    Assumptions.assumeTrue(PostgresBackup.tool("pg_restore").isPresent(), "pg_restore not installed");
    AppConfig.Storage s = dbs.storage(Engine.POSTGRESQL);
    Database.open(s).close();
    Path file = dir.resolve("b.dump");
    assertEquals(0, cli(s, "backup", file.toString()).code());
    try (Database node = Database.open(s)) {
      Run r = cli(s, "restore", file.toString());
      assertEquals(2, r.code(), r.out());
      assertTrue(r.out().contains("请先停止所有节点"), r.out());
    }
    Path junk = Files.writeString(dir.resolve("junk.dump"), "not a dump");
    Run r = cli(s, "restore", junk.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains("pg_restore 退出码") || r.out().contains("不是 aidline"), r.out());
  }

  @Test
  void theConnectionReachesTheToolsInTheEnvironmentOnly() {
    PostgresBackup b = new PostgresBackup(new AppConfig.Storage("jdbc:postgresql://db.example:6543/aid?sslmode=require", "FULL", 5000, 4, "ops", "s3cret"));
    Map<String, String> env = b.environment();
    assertEquals("db.example", env.get("PGHOST"));
    assertEquals("6543", env.get("PGPORT"));
    assertEquals("aid", env.get("PGDATABASE"));
    assertEquals("ops", env.get("PGUSER"));
    assertEquals("s3cret", env.get("PGPASSWORD"));
    assertEquals("require", env.get("PGSSLMODE"));
  }
}
