package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.config.ConfigException;
import aidline.config.ConfigLoader;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** storage.commit = plain: every write its own transaction, no writer thread; bench compares it with group. */
class PlainCommitTest {
  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  private Database openPlain(Engine engine) {
    AppConfig.Storage s = dbs.storage(engine);
    return dbs.open(new AppConfig.Storage(s.db(), s.synchronous(), s.busyTimeoutMillis(), s.poolSize(), s.user(), s.password(),
        AppConfig.Storage.PLAIN_COMMIT));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void concurrentWritesAllLandWithoutTheWriterThreadAndAFailureRollsBackAlone(Engine engine) throws Exception {
    try (Database db = openPlain(engine)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String key = "p" + i;
        done.add(pool.submit(() -> db.write(c -> insert(c, key))));
      }
      for (Future<Integer> f : done) {
        assertEquals(1, f.get());
      }
      pool.shutdown();
      assertThrows(IllegalStateException.class, () -> db.write(c -> {
        insert(c, "refused");
        throw new IllegalStateException("不行");
      }));
      assertEquals(1, db.writeLater(c -> insert(c, "later")).get(), "a queued write is committed before it returns");
      assertEquals(201, count(db, "p%") + count(db, "later"));
      assertEquals(0, count(db, "refused"));
      assertEquals(0, db.writeStats().commits(), "the group writer was never used");
    }
  }

  @Test
  void theSettingIsReadFromTheEnvironmentAndRefusedWhenUnknown() throws Exception {
    Path yaml = Files.writeString(dir.resolve("a.yaml"), "");
    AppConfig plain = new ConfigLoader().load(yaml, Map.of("AIDLINE_DB_COMMIT", "PLAIN"));
    assertEquals("plain", plain.storage().commit());
    assertTrue(new ConfigLoader().load(yaml, Map.of()).storage().groupCommit(), "group commit stays the default");
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(yaml, Map.of("AIDLINE_DB_COMMIT", "sometimes")));
    assertTrue(e.getMessage().contains("storage.commit"), e.getMessage());
  }

  private static int insert(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_meta (key, value) VALUES (?, 'v')")) {
      ps.setString(1, key);
      return ps.executeUpdate();
    }
  }

  private static long count(Database db, String like) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_meta WHERE key LIKE ?")) {
        ps.setString(1, like);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
