package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
  @TempDir Path dir;

  Database open(String name) {
    return Database.open(new AppConfig.Storage(dir.resolve(name).toString(), "FULL", 5000));
  }

  @Test
  void aFailedWriteRollsBackAloneAndLaterWritesCommit() {
    try (Database db = open("g.db")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> db.write(c -> {
        insert(c, "k1");
        throw new IllegalArgumentException("不行");
      }));
      assertEquals("不行", e.getMessage());
      assertEquals(1, (int) db.write(c -> insert(c, "k2")));
      assertEquals(1L, count(db), "only the second write is stored");
      assertTrue(db.writeStats().commits() >= 1);
    }
  }

  @Test
  void concurrentWritesShareCommitsAndAllLand() throws Exception {
    try (Database db = open("c.db")) {
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String key = "w" + i;
        done.add(pool.submit(() -> db.write(c -> insert(c, key))));
      }
      for (Future<Integer> f : done) {
        assertEquals(1, (int) f.get());
      }
      pool.shutdown();
      assertEquals(500L, count(db));
      assertTrue(db.writeStats().commits() < 500, "some writes shared a commit: " + db.writeStats());
    }
  }

  @Test
  void aWriteInsideAnExplicitTransactionFailsFastInsteadOfDeadlocking() {
    try (Database db = open("d.db")) {
      assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.write(c2 -> insert(c2, "x"))));
      assertThrows(IllegalStateException.class, () -> db.write(c -> db.write(c2 -> insert(c2, "y"))));
    }
  }

  @Test
  void transactionsTakeTheWriteLockWhenTheyBegin() throws Exception {
    try (Database db = open("l.db");
        Connection a = db.dataSource().getConnection();
        Connection b = DriverManager.getConnection(SqliteDialect.jdbcUrl(db.file()))) {
      a.setAutoCommit(false);
      try (Statement st = a.createStatement()) {
        st.executeQuery("SELECT count(*) FROM app_meta").close(); // a read: an IMMEDIATE transaction already holds the lock
      }
      try (Statement st = b.createStatement()) {
        st.execute("PRAGMA busy_timeout = 0");
        SQLException busy = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO app_meta VALUES ('x', '1')"));
        assertTrue(busy.getMessage().contains("locked") || busy.getMessage().contains("BUSY"), busy.getMessage());
      }
      a.commit();
      a.setAutoCommit(true); // the driver opens the next transaction at once; autocommit ends it
      try (Statement st = b.createStatement()) {
        assertEquals(1, st.executeUpdate("INSERT INTO app_meta VALUES ('x', '1')"));
      }
    }
  }

  private static int insert(Connection c, String key) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate("INSERT INTO app_meta (key, value) VALUES ('" + key + "', 'v')");
    }
  }

  private static long count(Database db) {
    return db.withConnection(c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM app_meta WHERE key LIKE 'k%' OR key LIKE 'w%'")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
