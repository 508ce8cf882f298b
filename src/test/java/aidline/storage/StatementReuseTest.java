package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Database.query / update: statements kept prepared per pooled connection give the same results as fresh ones. */
class StatementReuseTest {
  private static final String BY_PREFIX = "SELECT key, value FROM app_meta WHERE key LIKE ? ORDER BY key";
  private static final String INSERT = "INSERT INTO app_meta (key, value) VALUES (?, ?)";

  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  @ParameterizedTest
  @EnumSource(Engine.class)
  void readsAndWritesThroughKeptStatementsSeeEveryChangeFromManyThreads(Engine engine) throws Exception {
    try (Database db = dbs.open(engine)) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<List<String>>> reads = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String key = "r" + (i % 10) + "-" + i;
        reads.add(pool.submit(() -> {
          db.write(c -> db.update(c, INSERT, ps -> {
            ps.setString(1, key);
            ps.setString(2, "值" + key);
          }));
          return values(db, key);
        }));
      }
      for (int i = 0; i < reads.size(); i++) {
        assertEquals(List.of("值r" + (i % 10) + "-" + i), reads.get(i).get(), "each read sees its own committed row, nobody else's");
      }
      pool.shutdown();
      assertEquals(12, values(db, "r3-%").size());
      if (engine == Engine.SQLITE) {
        assertTrue(db.cachedStatements() <= 2 * 8, "one statement per SQL text and connection: " + db.cachedStatements());
        assertTrue(db.cachedStatements() >= 2, "the statements were kept: " + db.cachedStatements());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aFailedStatementIsDroppedAndTheNextCallWorks(Engine engine) {
    try (Database db = dbs.open(engine)) {
      db.write(c -> db.update(c, INSERT, ps -> {
        ps.setString(1, "dup");
        ps.setString(2, "a");
      }));
      assertThrows(StorageException.class, () -> db.write(c -> db.update(c, INSERT, ps -> {
        ps.setString(1, "dup");
        ps.setString(2, "b");
      })));
      assertThrows(IllegalStateException.class, () -> db.query(BY_PREFIX, ps -> ps.setString(1, "dup"), rs -> {
        throw new IllegalStateException("读取失败");
      }));
      assertEquals(List.of("a"), values(db, "dup"));
    }
  }

  @Test
  void aReadThatStopsAtTheFirstRowHoldsNoSnapshotSoCheckpointsComplete() {
    try (Database db = dbs.open(Engine.SQLITE)) {
      for (int i = 0; i < 5; i++) {
        String key = "k" + i;
        db.write(c -> db.update(c, INSERT, ps -> {
          ps.setString(1, key);
          ps.setString(2, "v");
        }));
      }
      for (int i = 0; i < 20; i++) {
        Optional<String> first = db.query(BY_PREFIX, ps -> ps.setString(1, "k%"),
            rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
        assertEquals(Optional.of("k0"), first);
      }
      int busy = db.withConnection(c -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertEquals(0, busy, "no kept statement holds a read transaction open");
    }
  }

  private static List<String> values(Database db, String like) {
    return db.query(BY_PREFIX, ps -> ps.setString(1, like), rs -> {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(2));
      }
      return out;
    });
  }
}
