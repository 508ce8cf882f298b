package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.storage.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteRollsBackAloneAndLaterWritesCommit() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("g.db").toString(), "FULL", 5000));
        GroupCommitter writer = new GroupCommitter(db, 8)) {
      IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> writer.write(c -> {
        insertDay(c, "20260101");
        throw new IllegalTransitionException("不行");
      }));
      assertEquals("不行", e.getMessage());
      assertEquals(1, (int) writer.write(c -> insertDay(c, "20260102")));
      assertEquals(1L, count(db), "only the second write is stored");
      assertTrue(writer.stats().commits() >= 1);
    }
  }

  @Test
  void theLockStatementHoldsOffOtherWriters() throws Exception {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("l.db").toString(), "FULL", 5000))) {
      try (Connection a = db.dataSource().getConnection();
          Connection b = DriverManager.getConnection(SqliteDialect.jdbcUrl(db.file()))) {
        a.setAutoCommit(false);
        try (Statement st = a.createStatement()) {
          st.executeUpdate(SqliteDialect.takeWriteLockSql("ticket_day_seq", "last"));
        }
        try (Statement st = b.createStatement()) {
          st.execute("PRAGMA busy_timeout = 0");
          SQLException busy = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO ticket_day_seq VALUES ('x', 1)"));
          assertTrue(busy.getMessage().contains("locked") || busy.getMessage().contains("BUSY"), busy.getMessage());
        }
        a.commit();
        try (Statement st = b.createStatement()) {
          assertEquals(1, st.executeUpdate("INSERT INTO ticket_day_seq VALUES ('x', 1)"));
        }
      }
    }
  }

  private static int insertDay(Connection c, String day) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate("INSERT INTO ticket_day_seq (day, last) VALUES ('" + day + "', 1)");
    }
  }

  private static long count(Database db) {
    return db.withConnection(c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ticket_day_seq")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
