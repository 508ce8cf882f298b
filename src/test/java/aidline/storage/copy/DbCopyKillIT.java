package aidline.storage.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.testing.ChildServer;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code db copy} in a child JVM, killed with SIGKILL mid-copy, then run again to completion. */
class DbCopyKillIT {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  @Test
  void aCopyKilledMidwayIsFinishedByRunningItAgain() throws Exception {
    Path source = DatabaseCopyTest.county(dir);
    AppConfig.Storage target = dbs.storage(Engine.POSTGRESQL);
    Map<String, Long> expected;
    try (Connection s = DatabaseCopyTest.sqlite(source)) {
      expected = DatabaseCopyTest.counts(s);
    }
    ProcessBuilder pb = new ProcessBuilder(ChildServer.command("db", "copy", "--from", source.toString(), "--to", target.db(), "--batch", "1"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("copy.log").toFile());
    pb.environment().put("AIDLINE_DB", dir.resolve("unused.db").toString());
    pb.environment().put("AIDLINE_DB_USER", target.user());
    pb.environment().put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    Process copy = pb.start();
    long seen = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // one row per transaction: kill as soon as a few students are in, long before the copy ends
    while (seen < 20 && copy.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      try (Connection t = DatabaseCopyTest.pg(target)) {
        seen = DatabaseCopyTest.counts(t).get("students");
      } catch (java.sql.SQLException notYet) {
        seen = 0;
      }
    }
    assertTrue(copy.isAlive(), "the copy was still running when killed");
    copy.destroyForcibly();
    assertTrue(copy.waitFor(30, TimeUnit.SECONDS));
    Map<String, Long> partial;
    long rowsAtKill = 0;
    try (Connection t = DatabaseCopyTest.pg(target); java.sql.Statement st = t.createStatement()) {
      partial = DatabaseCopyTest.counts(t);
      java.util.List<String> tables = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          rowsAtKill += rs.getLong(1);
        }
      }
    }
    assertTrue(partial.get("students") >= 20 && partial.get("students") < expected.get("students") + 1, partial.toString());
    assertTrue(partial.get("ticket_event") < expected.get("ticket_event"), "killed before the end: " + partial);

    CopyReport done = new DatabaseCopy(1000, DatabaseCopy.Progress.NONE).copy(source, target);
    assertTrue(done.verified(), done.format());
    long all = done.tables().stream().mapToLong(CopyReport.TableCheck::sourceRows).sum();
    assertEquals(all - rowsAtKill, done.insertedRows(), "the rerun adds exactly the missing rows");
    try (Connection t = DatabaseCopyTest.pg(target)) {
      assertEquals(expected, DatabaseCopyTest.counts(t), "every row once after the rerun");
    }
    System.out.println("kill -9 after " + partial.get("students") + " students; rerun: " + done.insertedRows() + " rows added, "
        + done.skippedTables() + " tables already complete");
  }
}
