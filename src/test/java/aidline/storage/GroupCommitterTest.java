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

  /** A committer whose writer thread is never started: what await does when the writer has not run yet. */
  private static GroupCommitter unstarted(Connection c) {
    return new GroupCommitter(group -> {
      try {
        c.setAutoCommit(false);
        group.run(c);
        c.commit();
        c.setAutoCommit(true);
      } catch (SQLException e) {
        throw new StorageException("test", e);
      }
    }, 256);
  }

  @Test
  void awaitCommitsTheQueuedGroupOnTheCallersThreadInQueueOrderWhenTheWriterHasNotStarted() throws Exception {
    try (Database db = open("a.db"); Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db.file()))) {
      GroupCommitter committer = unstarted(c);
      List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.CompletableFuture<Integer> first = committer.submit(x -> {
        ran.add("k1 " + Thread.currentThread().getName());
        return insert(x, "k1");
      });
      java.util.concurrent.CompletableFuture<Integer> second = committer.submit(x -> {
        ran.add("k2 " + Thread.currentThread().getName());
        return insert(x, "k2");
      });
      assertEquals(1, (int) committer.await(second));
      String me = Thread.currentThread().getName();
      assertEquals(List.of("k1 " + me, "k2 " + me), ran, "both queued writes, in order, on this thread");
      assertTrue(first.isDone(), "the earlier write went in the same group");
      assertEquals(new GroupCommitter.Stats(1, 2), committer.stats());
      assertEquals(2L, count(db));
    }
  }

  @Test
  void awaitRethrowsWhatTheQueuedWriteThrewAndTheGroupStillCommits() throws Exception {
    try (Database db = open("b.db"); Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db.file()))) {
      GroupCommitter committer = unstarted(c);
      java.util.concurrent.CompletableFuture<Integer> good = committer.submit(x -> insert(x, "k1"));
      java.util.concurrent.CompletableFuture<Integer> bad = committer.submit(x -> {
        throw new IllegalArgumentException("拒绝");
      });
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> committer.await(bad));
      assertEquals("拒绝", e.getMessage());
      assertEquals(1, (int) good.get());
      assertEquals(1L, count(db));
    }
  }

  @Test
  void awaitWaitsForTheGroupTheWriterIsCommittingInsteadOfTakingTheNextOneFirst() throws Exception {
    try (Database db = open("c.db")) {
      java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.CompletableFuture<Integer> blocking = db.writeLater(x -> {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        order.add("k1");
        return insert(x, "k1");
      });
      inside.await();
      // the writer holds the group; a write queued now must wait for it and commit after it
      java.util.concurrent.CompletableFuture<Integer> later = db.writeLater(x -> {
        order.add("k2 " + Thread.currentThread().getName());
        return insert(x, "k2");
      });
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Integer> awaited = pool.submit(() -> db.await(later));
      release.countDown();
      assertEquals(1, (int) awaited.get());
      assertEquals(1, (int) blocking.get());
      assertEquals("k1", order.get(0));
      assertTrue(order.get(1).startsWith("k2 "), order.toString());
      pool.shutdown();
      assertEquals(2L, count(db));
    }
  }

  @Test
  void aWriteQueuedForItsCallerIsCommittedByTheCallersAwait() throws Exception {
    try (Database db = open("d.db"); Connection c = DriverManager.getConnection(SqliteDialect.jdbcUrl(db.file()))) {
      GroupCommitter committer = unstarted(c);
      List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.CompletableFuture<Integer> row = committer.submitForAwait(x -> {
        ran.add(Thread.currentThread().getName());
        return insert(x, "k1");
      });
      assertEquals(1, (int) committer.await(row));
      assertEquals(List.of(Thread.currentThread().getName()), ran);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aWriteQueuedForItsCallerIsStillCommittedWhenNobodyAwaitsIt(Engine engine) throws Exception {
    try (Database db = dbs.open(engine)) {
      java.util.concurrent.CompletableFuture<Integer> row = db.writeForAwait(c -> insert(c, "k1"));
      assertEquals(1, (int) row.get(30, java.util.concurrent.TimeUnit.SECONDS), "the writer thread commits it on its own");
      assertEquals(1L, count(db));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void awaitingInsideAWriteFailsFastInsteadOfDeadlocking(Engine engine) {
    try (Database db = dbs.open(engine)) {
      java.util.concurrent.CompletableFuture<Integer> queued = db.writeLater(c -> insert(c, "k1"));
      assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> db.await(queued)));
      assertEquals(1, (int) db.await(queued));
      assertEquals(1L, count(db));
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
