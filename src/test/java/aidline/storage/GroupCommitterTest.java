package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupCommitterTest {
  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  Database open(String name) {
    return Database.open(new AppConfig.Storage(dir.resolve(name).toString(), "FULL", 5000));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aFailedWriteRollsBackAloneAndLaterWritesCommit(Engine engine) {
    try (Database db = dbs.open(engine)) {
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

  @ParameterizedTest
  @EnumSource(Engine.class)
  void concurrentWritesShareCommitsAndAllLand(Engine engine) throws Exception {
    try (Database db = dbs.open(engine)) {
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

  /**
   * A statement the database refuses (a duplicate key) inside a shared group fails alone: on
   * PostgreSQL an error aborts the whole transaction unless it is rolled back to its savepoint.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRefusedStatementInAGroupFailsAloneAndTheOthersCommit(Engine engine) throws Exception {
    try (Database db = dbs.open(engine)) {
      db.write(c -> insert(c, "k-taken"));
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String key = i % 4 == 0 ? "k-taken" : "w" + i;
        done.add(pool.submit(() -> db.write(c -> insert(c, key))));
      }
      int refused = 0;
      for (Future<Integer> f : done) {
        try {
          assertEquals(1, (int) f.get());
        } catch (ExecutionException e) {
          assertTrue(e.getCause() instanceof StorageException, String.valueOf(e.getCause()));
          SQLException sql = (SQLException) e.getCause().getCause();
          assertTrue(db.dialect().isUniqueViolation(sql), sql.getMessage());
          refused++;
        }
      }
      pool.shutdown();
      assertEquals(50, refused);
      assertEquals(151L, count(db), "150 new keys and the first one");
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aWriteInsideAnExplicitTransactionFailsFastInsteadOfDeadlocking(Engine engine) {
    try (Database db = dbs.open(engine)) {
      assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.write(c2 -> insert(c2, "x"))));
      assertThrows(IllegalStateException.class, () -> db.write(c -> db.write(c2 -> insert(c2, "y"))));
    }
  }

  /** SQLite only: PostgreSQL has row locks and no single write lock. */
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
